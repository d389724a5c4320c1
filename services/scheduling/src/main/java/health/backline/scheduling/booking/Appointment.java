package health.backline.scheduling.booking;

import health.backline.events.Pathway;
import java.time.Instant;
import java.util.UUID;

/**
 * A booking, as the appointments API shows it. {@code slotId} is null for an emergency-department
 * handoff, which needs no slot; {@code attendance} until staff record whether the patient came.
 */
public record Appointment(UUID id, UUID referralId, Pathway pathway, Instant start, Instant end, String location,
                          String resource, Status status, UUID slotId, Attendance attendance) {

    public enum Status { BOOKED, CANCELLED }

    public enum Attendance { ATTENDED, DID_NOT_ATTEND }
}
