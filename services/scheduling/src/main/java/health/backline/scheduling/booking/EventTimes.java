package health.backline.scheduling.booking;

import io.cloudevents.CloudEvent;
import java.time.Instant;

/** When the sender made an event (its CloudEvents {@code time}), or null when it did not say. */
final class EventTimes {

    private EventTimes() {
    }

    static Instant of(CloudEvent event) {
        return event.getTime() == null ? null : event.getTime().toInstant();
    }
}
