package health.backline.triage.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import health.backline.events.intake.Intake;
import health.backline.starter.intake.IntakeValidator;
import health.backline.triage.rules.RedFlagRules;
import health.backline.triage.rules.TriageDecision;
import health.backline.triage.rules.TriageFacts;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Lets clinicians (and tests) ask what triage would propose for an intake, as of today. */
@RestController
class EvaluationController {

    private final IntakeValidator validator;
    private final RedFlagRules rules;
    private final Clock clock;
    private final ZoneId clinicZone;

    EvaluationController(IntakeValidator validator, RedFlagRules rules, Clock clock, ZoneId clinicZone) {
        this.validator = validator;
        this.rules = rules;
        this.clock = clock;
        this.clinicZone = clinicZone;
    }

    @PostMapping("/api/triage/evaluate")
    Evaluation evaluate(@RequestBody JsonNode body) {
        Intake intake = validator.validate(body);
        TriageFacts facts = TriageFacts.of(intake, LocalDate.now(clock.withZone(clinicZone)));
        TriageDecision decision = rules.evaluate(facts);
        return new Evaluation(decision.pathway(), decision.priority(), decision.rules(), decision.reasons(),
                facts.startBack());
    }
}
