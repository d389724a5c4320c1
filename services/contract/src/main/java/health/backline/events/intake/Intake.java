package health.backline.events.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Set;

/**
 * What the front desk records, as the intake contract defines it. Instances are built only from
 * input that the intake validator (in the service starter) accepted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Intake(
        Patient patient,
        Referrer referrer,
        Complaint complaint,
        List<Finding> findings,
        Integer conservativeCareWeeks,
        Boolean improving,
        StartBackAnswers startBack) {

    public Intake {
        findings = findings == null ? List.of() : List.copyOf(findings);
        conservativeCareWeeks = conservativeCareWeeks == null ? 0 : conservativeCareWeeks;
    }

    public boolean reports(Finding finding) {
        return findings.contains(finding);
    }

    public Set<Finding> findingSet() {
        return Set.copyOf(findings);
    }

    /** Age in whole years on the given day. */
    public int ageOn(LocalDate day) {
        return Period.between(patient.birthDate(), day).getYears();
    }

    /** The intake as other services receive it: no phone number, no referrer. */
    public Intake withoutContactDetails() {
        return new Intake(patient.withoutContactDetails(), null, complaint, findings,
                conservativeCareWeeks, improving, startBack);
    }
}
