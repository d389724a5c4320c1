package health.backline.intake.referral;

import health.backline.events.ReferralStatus;
import health.backline.events.intake.Intake;
import health.backline.events.payload.ReferralSubmitted;
import health.backline.starter.metrics.Counted;
import health.backline.starter.outbox.EventOutbox;
import health.backline.starter.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records a referral and, in the same transaction, its {@code referral.submitted} event. A retry
 * with the same idempotency key and the same intake returns the first referral; the same key with
 * a different intake is a conflict.
 */
@Service
public class ReferralSubmission {

    private final Referrals referrals;
    private final EventOutbox outbox;
    private final Clock clock;
    private final MeterRegistry meters;

    ReferralSubmission(Referrals referrals, EventOutbox outbox, Clock clock, MeterRegistry meters) {
        this.referrals = referrals;
        this.outbox = outbox;
        this.clock = clock;
        this.meters = meters;
    }

    @Transactional
    public Submission submit(Intake intake, String idempotencyKey) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        if (!referrals.insert(id, now, intake, idempotencyKey)) {
            return repeated(intake, idempotencyKey);
        }
        referrals.addToTimeline(id, now, ReferralStatus.SUBMITTED, "Intake recorded by the front desk");
        outbox.publish(ReferralSubmitted.of(id.toString(), now, intake));
        Counted.afterCommit(meters, "backline.referrals.submitted");
        return new Submission(referrals.find(id).orElseThrow(), true);
    }

    private Submission repeated(Intake intake, String idempotencyKey) {
        StoredReferral first = referrals.findByIdempotencyKey(idempotencyKey).orElseThrow();
        if (!first.intake().equals(intake)) {
            throw new ProblemException(HttpStatus.CONFLICT, "Idempotency key already used",
                    "Idempotency-Key " + idempotencyKey + " was used for a different intake (referral "
                            + first.view().id() + ")");
        }
        return new Submission(first.view(), false);
    }
}
