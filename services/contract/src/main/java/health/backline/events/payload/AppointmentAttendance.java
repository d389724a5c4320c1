package health.backline.events.payload;

import health.backline.events.EventPayload;
import health.backline.events.Pathway;
import health.backline.events.Priority;
import java.time.Instant;

/**
 * Whether the patient came to an appointment that has started, as staff recorded it: {@code attended} true, or
 * false for "did not attend". {@code start} and {@code location} name the appointment.
 */
public record AppointmentAttendance(String referralId, Pathway pathway, Instant start, String location,
                                    boolean attended) implements EventPayload {

    @Override
    public Priority lane() {
        return pathway == null ? Priority.ROUTINE : pathway.priority();
    }
}
