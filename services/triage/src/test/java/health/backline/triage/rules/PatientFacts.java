package health.backline.triage.rules;

import health.backline.events.intake.Finding;
import health.backline.events.payload.StartBackScore;
import health.backline.events.payload.StartBackScoring;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the facts of a test patient. The default patient is 40, has had a moderate spasm for
 * three days, no conservative care, reports nothing and skipped STarT Back: no rule but R25 matches.
 */
final class PatientFacts {

    private final Set<Finding> findings = EnumSet.noneOf(Finding.class);
    private int age = 40;
    private int symptomDurationDays = 3;
    private int painScore = 4;
    private int conservativeCareWeeks = 0;
    private Boolean improving = null;
    private StartBackScore startBack = null;

    static PatientFacts patient() {
        return new PatientFacts();
    }

    PatientFacts reporting(Finding... reported) {
        findings.addAll(List.of(reported));
        return this;
    }

    PatientFacts aged(int years) {
        age = years;
        return this;
    }

    PatientFacts withSymptomsFor(int days) {
        symptomDurationDays = days;
        return this;
    }

    PatientFacts withPainScore(int score) {
        painScore = score;
        return this;
    }

    PatientFacts afterConservativeCare(int weeks, Boolean improvingSoFar) {
        conservativeCareWeeks = weeks;
        improving = improvingSoFar;
        return this;
    }

    PatientFacts withStartBack(int total, int psychosocial) {
        startBack = new StartBackScore(total, psychosocial, StartBackScoring.risk(total, psychosocial));
        return this;
    }

    TriageFacts facts() {
        return new TriageFacts(findings, age, symptomDurationDays, painScore, conservativeCareWeeks, improving,
                startBack);
    }
}
