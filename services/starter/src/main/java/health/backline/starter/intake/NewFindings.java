package health.backline.starter.intake;

import health.backline.events.intake.Complaint;
import health.backline.events.intake.Finding;
import health.backline.events.intake.Intake;
import java.util.ArrayList;
import java.util.List;

/**
 * What someone learned about a patient after the intake was recorded: findings to add, and a pain score and a
 * duration that replace the complaint's (each null when not given), with a note for the timeline (or null).
 * Instances come only from {@link IntakeValidator#validateFindings}.
 */
public record NewFindings(List<Finding> findings, Integer painScore, Integer symptomDurationDays, String note) {

    public NewFindings {
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /**
     * The intake with these findings added after its own (each finding once, in the order first reported) and the
     * new pain score and duration in its complaint; equal to {@code intake} when nothing in it changes.
     */
    public Intake revise(Intake intake) {
        List<Finding> all = new ArrayList<>(intake.findings());
        findings.stream().filter(finding -> !all.contains(finding)).forEach(all::add);
        Complaint complaint = intake.complaint();
        Complaint revised = new Complaint(complaint.region(),
                symptomDurationDays == null ? complaint.symptomDurationDays() : symptomDurationDays,
                painScore == null ? complaint.painScore() : painScore,
                complaint.description());
        return new Intake(intake.patient(), intake.referrer(), revised, all, intake.conservativeCareWeeks(),
                intake.improving(), intake.startBack());
    }
}
