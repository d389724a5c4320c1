package health.backline.events.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import health.backline.events.EventPayload;
import health.backline.events.Priority;
import health.backline.events.intake.Complaint;
import health.backline.events.intake.Finding;
import health.backline.events.intake.Intake;
import health.backline.events.intake.Patient;
import health.backline.events.intake.StartBackAnswers;
import java.time.Instant;
import java.util.List;

/** The front desk recorded an intake. Carries the intake without phone number and referrer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReferralSubmitted(
        String referralId,
        Instant submittedAt,
        Patient patient,
        Complaint complaint,
        List<Finding> findings,
        Integer conservativeCareWeeks,
        Boolean improving,
        StartBackAnswers startBack) implements EventPayload {

    public static ReferralSubmitted of(String referralId, Instant submittedAt, Intake intake) {
        Intake shared = intake.withoutContactDetails();
        return new ReferralSubmitted(referralId, submittedAt, shared.patient(), shared.complaint(), shared.findings(),
                shared.conservativeCareWeeks(), shared.improving(), shared.startBack());
    }

    @Override
    public Priority lane() {
        return findings != null && findings.stream().anyMatch(Finding::isRedFlag) ? Priority.URGENT : Priority.ROUTINE;
    }

    public Intake intake() {
        return new Intake(patient, null, complaint, findings, conservativeCareWeeks, improving, startBack);
    }
}
