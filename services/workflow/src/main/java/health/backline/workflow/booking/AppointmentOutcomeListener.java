package health.backline.workflow.booking;

import health.backline.events.EventType;
import health.backline.events.Topics;
import health.backline.events.payload.AppointmentBooked;
import health.backline.events.payload.AppointmentFailed;
import health.backline.starter.inbox.EventInbox;
import health.backline.starter.inbox.InvalidEventException;
import io.cloudevents.CloudEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Booked or failed: the two outcomes share one topic, told apart by their type. */
@Component
class AppointmentOutcomeListener {

    private final EventInbox inbox;
    private final BookingOutcomes outcomes;

    AppointmentOutcomeListener(EventInbox inbox, BookingOutcomes outcomes) {
        this.inbox = inbox;
        this.outcomes = outcomes;
    }

    @KafkaListener(id = "workflow-appointment-outcomes", topics = Topics.APPOINTMENTS_OUTCOME)
    void on(CloudEvent event) {
        if (EventType.APPOINTMENT_BOOKED.type().equals(event.getType())) {
            inbox.receive(event, AppointmentBooked.class, outcomes::booked);
        } else if (EventType.APPOINTMENT_FAILED.type().equals(event.getType())) {
            inbox.receive(event, AppointmentFailed.class, outcomes::failed);
        } else {
            throw new InvalidEventException("Not an appointment outcome: " + event.getType());
        }
    }
}
