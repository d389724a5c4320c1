package health.backline.events.payload;

import health.backline.events.EventPayload;
import health.backline.events.Pathway;
import health.backline.events.Priority;
import java.time.Instant;

/** Scheduling booked the requested appointment. */
public record AppointmentBooked(
        String referralId, Pathway pathway, Instant start, Instant end, String location, String resource)
        implements EventPayload {

    @Override
    public Priority lane() {
        return pathway == null ? Priority.ROUTINE : pathway.priority();
    }

    public Appointment appointment() {
        return new Appointment(pathway, start, end, location, resource);
    }
}
