package health.backline.intake.referral;

import health.backline.events.Pathway;
import health.backline.events.Priority;
import health.backline.events.ReferralStatus;
import health.backline.events.payload.Appointment;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A referral as the contract shows it: where it stands, what triage proposed, when it is booked.
 * {@code returnReason}: why a clinician returned it to its referrer (status RETURNED); null otherwise.
 */
public record ReferralView(
        UUID id,
        ReferralStatus status,
        String returnReason,
        Instant submittedAt,
        PatientSummary patient,
        TriageSummary triage,
        Pathway pathway,
        Appointment appointment,
        List<TimelineEntry> timeline) {

    public record PatientSummary(String mrn, String givenName, String familyName, LocalDate birthDate) {
    }

    public record TriageSummary(Pathway pathway, Priority priority, List<String> rules, List<String> reasons) {
    }

    public record TimelineEntry(Instant at, ReferralStatus status, String detail) {
    }
}
