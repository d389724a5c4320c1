package health.backline.scheduling.booking;

import health.backline.events.Pathway;
import health.backline.events.Priority;
import health.backline.events.payload.AppointmentRequested;
import java.time.Instant;
import java.util.UUID;

/**
 * A referral whose request found no free slot before {@code notAfter}, waiting since then for one to be
 * freed or added ({@code requestId}: that request, made at {@code requestedAt}, null if unknown).
 */
public record WaitingReferral(UUID referralId, String requestId, Instant requestedAt, Pathway pathway, Priority priority, Instant notAfter,
                              Instant waitingSince) {

    /** The request a freed slot answers: the one that failed. */
    AppointmentRequested request() {
        return new AppointmentRequested(referralId.toString(), pathway, priority, notAfter, null);
    }
}
