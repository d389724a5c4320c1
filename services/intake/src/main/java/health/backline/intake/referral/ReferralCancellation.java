package health.backline.intake.referral;

import health.backline.events.ReferralStatus;
import health.backline.events.payload.ReferralCancelRequested;
import health.backline.starter.outbox.EventOutbox;
import health.backline.starter.web.InvalidRequestException;
import health.backline.starter.web.ProblemException;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cancels a referral that is still open: the workflow then ends it wherever it is and frees any
 * booked slot, and reports CANCELLED.
 */
@Service
public class ReferralCancellation {

    private static final Set<ReferralStatus> CLOSED = Set.of(ReferralStatus.CLOSED, ReferralStatus.CANCELLED,
            ReferralStatus.RETURNED);
    private static final int MAX_REASON_LENGTH = 500;

    private final Referrals referrals;
    private final EventOutbox outbox;
    private final Clock clock;

    ReferralCancellation(Referrals referrals, EventOutbox outbox, Clock clock) {
        this.referrals = referrals;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Whether a referral in this status can still be cancelled. */
    public static boolean isOpen(ReferralStatus status) {
        return !CLOSED.contains(status);
    }

    /**
     * Asks the workflow to end the referral. The reason is required (1-500 characters; the error's
     * pointer is {@code /reason}); an unknown referral is 404, a closed one 409.
     */
    @Transactional
    public ReferralView cancel(UUID id, String reason, String cancelledBy) {
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON_LENGTH) {
            throw new InvalidRequestException("/reason", "is required: 1-" + MAX_REASON_LENGTH + " characters");
        }
        ReferralView referral = referrals.lock(id).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND,
                "Referral not found", "No referral has id " + id));
        if (!isOpen(referral.status())) {
            throw new ProblemException(HttpStatus.CONFLICT, "Referral already closed",
                    "Referral " + id + " is " + referral.status() + " and cannot be cancelled");
        }
        referrals.addToTimeline(id, clock.instant(), referral.status(),
                "Cancellation requested by " + cancelledBy + ": " + reason);
        outbox.publish(new ReferralCancelRequested(id.toString(), reason, cancelledBy));
        return referrals.find(id).orElseThrow();
    }
}
