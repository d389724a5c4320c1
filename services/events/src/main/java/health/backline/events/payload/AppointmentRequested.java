package health.backline.events.payload;

import health.backline.events.EventPayload;
import health.backline.events.Pathway;
import health.backline.events.Priority;
import java.time.Instant;

/** The workflow asks scheduling for an appointment on a pathway, starting no later than {@code notAfter}. */
public record AppointmentRequested(
        String referralId, Pathway pathway, Priority priority, Instant notAfter) implements EventPayload {
}
