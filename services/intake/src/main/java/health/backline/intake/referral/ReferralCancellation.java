package health.backline.intake.referral;

import health.backline.events.ReferralStatus;
import health.backline.events.outbox.EventOutbox;
import health.backline.events.payload.ReferralCancelRequested;
import health.backline.events.web.ProblemException;
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

    private static final Set<ReferralStatus> CLOSED = Set.of(ReferralStatus.CLOSED, ReferralStatus.CANCELLED);

    private final Referrals referrals;
    private final EventOutbox outbox;
    private final Clock clock;

    ReferralCancellation(Referrals referrals, EventOutbox outbox, Clock clock) {
        this.referrals = referrals;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public ReferralView cancel(UUID id, String reason, String cancelledBy) {
        ReferralView referral = referrals.lock(id).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND,
                "Referral not found", "No referral has id " + id));
        if (CLOSED.contains(referral.status())) {
            throw new ProblemException(HttpStatus.CONFLICT, "Referral already closed",
                    "Referral " + id + " is " + referral.status() + " and cannot be cancelled");
        }
        referrals.addToTimeline(id, clock.instant(), referral.status(),
                "Cancellation requested by " + cancelledBy + ": " + reason);
        outbox.publish(new ReferralCancelRequested(id.toString(), reason, cancelledBy));
        return referrals.find(id).orElseThrow();
    }
}
