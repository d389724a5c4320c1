package health.backline.triage.rules;

import health.backline.events.intake.Finding;
import health.backline.events.intake.Intake;
import health.backline.events.payload.StartBackScore;
import health.backline.events.payload.StartBackScoring;
import java.time.LocalDate;
import java.util.Set;

/**
 * Everything the triage rules look at, and nothing else: an audit can replay a decision from these
 * facts alone.
 *
 * @param age whole years on the intake day
 * @param improving null when there has been no conservative care yet
 * @param startBack null when the STarT Back questionnaire was not answered
 */
public record TriageFacts(
        Set<Finding> findings,
        int age,
        int symptomDurationDays,
        int painScore,
        int conservativeCareWeeks,
        Boolean improving,
        StartBackScore startBack) {

    public TriageFacts {
        findings = findings == null ? Set.of() : Set.copyOf(findings);
    }

    /** The facts of an intake as they stand on the given intake day (age changes with the day). */
    public static TriageFacts of(Intake intake, LocalDate intakeDay) {
        return new TriageFacts(
                intake.findingSet(),
                intake.ageOn(intakeDay),
                intake.complaint().symptomDurationDays(),
                intake.complaint().painScore(),
                intake.conservativeCareWeeks(),
                intake.improving(),
                intake.startBack() == null ? null : StartBackScoring.score(intake.startBack()));
    }

    public boolean reports(Finding finding) {
        return findings.contains(finding);
    }
}
