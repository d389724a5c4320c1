package health.backline.triage.referral;

import health.backline.events.payload.ReferralFindingsAdded;
import health.backline.events.payload.ReferralRetriaged;
import health.backline.events.payload.ReferralSubmitted;
import health.backline.events.payload.ReferralTriaged;
import health.backline.starter.metrics.Counted;
import health.backline.starter.outbox.EventOutbox;
import health.backline.triage.rules.RedFlagRules;
import health.backline.triage.rules.TriageDecision;
import health.backline.triage.rules.TriageFacts;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Triages a submitted referral: runs the red-flag rules on the intake as of the day it was
 * submitted, stores the decision for audit and announces it, in one transaction. New findings on the
 * referral are triaged the same way, with the same rules, as of the day they were added.
 */
@Service
public class ReferralTriage {

    private static final int FIRST_DECISION = 0;

    private static final Logger log = LoggerFactory.getLogger(ReferralTriage.class);

    private final RedFlagRules rules;
    private final TriageDecisions decisions;
    private final EventOutbox outbox;
    private final Clock clock;
    private final ZoneId clinicZone;
    private final MeterRegistry meters;

    ReferralTriage(RedFlagRules rules, TriageDecisions decisions, EventOutbox outbox, Clock clock, ZoneId clinicZone,
                   MeterRegistry meters) {
        this.meters = meters;
        this.rules = rules;
        this.decisions = decisions;
        this.outbox = outbox;
        this.clock = clock;
        this.clinicZone = clinicZone;
    }

    @Transactional
    public void triage(ReferralSubmitted submitted) {
        decide(submitted, FIRST_DECISION, submitted.submittedAt()).ifPresentOrElse(
                outbox::publish,
                () -> log.info("Referral {} was triaged before; its first decision stands", submitted.referralId()));
    }

    /** Triages the referral as it now stands; announces the result as its re-triage of that revision. */
    @Transactional
    public void retriage(ReferralFindingsAdded added) {
        decide(added.referral(), added.revision(), added.at()).ifPresentOrElse(
                decision -> outbox.publish(new ReferralRetriaged(added.referralId(), added.revision(), added.at(),
                        added.note(), decision)),
                () -> log.info("Revision {} of referral {} was triaged before", added.revision(), added.referralId()));
    }

    /** Decides, stores and counts; empty when this revision of the referral was decided before. */
    private Optional<ReferralTriaged> decide(ReferralSubmitted referral, int revision, Instant asOf) {
        TriageFacts facts = TriageFacts.of(referral.intake(), LocalDate.ofInstant(asOf, clinicZone));
        TriageDecision decision = rules.evaluate(facts);
        UUID referralId = UUID.fromString(referral.referralId());
        if (!decisions.store(referralId, revision, clock.instant(), rules.decisionTable(), facts, decision)) {
            return Optional.empty();
        }
        Counted.afterCommit(meters, "backline.referrals.triaged", "pathway", decision.pathway().name(),
                "rule", decision.rules().get(0));
        decision.rules().forEach(rule -> Counted.afterCommit(meters, "backline.triage.rule.matches", "rule", rule));
        return Optional.of(new ReferralTriaged(referral.referralId(), decision.pathway(), decision.priority(),
                decision.rules(), decision.reasons(), facts.startBack()));
    }
}
