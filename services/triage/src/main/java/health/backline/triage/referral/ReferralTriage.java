package health.backline.triage.referral;

import health.backline.events.payload.ReferralSubmitted;
import health.backline.events.payload.ReferralTriaged;
import health.backline.starter.metrics.Counted;
import health.backline.starter.outbox.EventOutbox;
import health.backline.triage.rules.RedFlagRules;
import health.backline.triage.rules.TriageDecision;
import health.backline.triage.rules.TriageFacts;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Triages a submitted referral: runs the red-flag rules on the intake as of the day it was
 * submitted, stores the decision for audit and announces it, in one transaction.
 */
@Service
public class ReferralTriage {

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
        LocalDate intakeDay = LocalDate.ofInstant(submitted.submittedAt(), clinicZone);
        TriageFacts facts = TriageFacts.of(submitted.intake(), intakeDay);
        TriageDecision decision = rules.evaluate(facts);
        UUID referralId = UUID.fromString(submitted.referralId());
        if (!decisions.store(referralId, clock.instant(), rules.decisionTable(), facts, decision)) {
            log.info("Referral {} was triaged before; its first decision stands", referralId);
            return;
        }
        outbox.publish(new ReferralTriaged(submitted.referralId(), decision.pathway(), decision.priority(),
                decision.rules(), decision.reasons(), facts.startBack()));
        Counted.afterCommit(meters, "backline.referrals.triaged", "pathway", decision.pathway().name(),
                "rule", decision.rules().get(0));
        decision.rules().forEach(rule -> Counted.afterCommit(meters, "backline.triage.rule.matches", "rule", rule));
    }
}
