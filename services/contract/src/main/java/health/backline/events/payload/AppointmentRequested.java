package health.backline.events.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import health.backline.events.EventPayload;
import health.backline.events.Pathway;
import health.backline.events.Priority;
import java.time.Instant;
import java.util.UUID;

/**
 * The workflow asks scheduling for an appointment on a pathway, starting no later than
 * {@code notAfter}. {@code slotId} is set only when a scheduler chose the slot by hand (manual
 * booking); then exactly that slot is booked, or the request fails.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppointmentRequested(
        String referralId, Pathway pathway, Priority priority, Instant notAfter, UUID slotId) implements EventPayload {

    @Override
    public Priority lane() {
        return priority == null ? Priority.ROUTINE : priority;
    }

    /** The same request, for exactly this slot. */
    public AppointmentRequested withSlot(UUID chosen) {
        return new AppointmentRequested(referralId, pathway, priority, notAfter, chosen);
    }

    public static AppointmentRequested earliestBefore(String referralId, Pathway pathway, Instant notAfter) {
        return new AppointmentRequested(referralId, pathway, pathway.priority(), notAfter, null);
    }

    public static AppointmentRequested slot(String referralId, Pathway pathway, UUID slotId) {
        return new AppointmentRequested(referralId, pathway, pathway.priority(), null, slotId);
    }
}
