package health.backline.intake.referral;

import health.backline.events.Pathway;
import health.backline.events.Priority;
import health.backline.events.ReferralStatus;
import health.backline.events.payload.Appointment;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    /**
     * What triage proposed first, and every re-triage after new findings ({@code revisions}, oldest first; empty,
     * never null, also for referrals stored before there were revisions).
     */
    public record TriageSummary(Pathway pathway, Priority priority, List<String> rules, List<String> reasons,
                                List<TriageRevision> revisions) {

        /** What a referral whose first triage has not been heard of yet has. */
        public static final TriageSummary NOT_YET = new TriageSummary(null, null, List.of(), List.of(), List.of());

        public TriageSummary {
            revisions = revisions == null ? List.of() : List.copyOf(revisions);
        }

        public boolean hasRevision(int revision) {
            return revisions.stream().anyMatch(recorded -> recorded.revision() == revision);
        }

        public TriageSummary withRevision(TriageRevision revision) {
            List<TriageRevision> all = new ArrayList<>(revisions);
            all.add(revision);
            return new TriageSummary(pathway, priority, rules, reasons, all);
        }

        /**
         * With the newest revision to {@code applied} that still waited marked applied: how a clinician's acceptance
         * of a less urgent pathway shows. Empty when no revision waited for that pathway.
         */
        public Optional<TriageSummary> withAppliedRevision(Pathway applied) {
            for (int i = revisions.size() - 1; i >= 0; i--) {
                TriageRevision revision = revisions.get(i);
                if (!revision.applied() && revision.pathway() == applied) {
                    List<TriageRevision> all = new ArrayList<>(revisions);
                    all.set(i, revision.asApplied());
                    return Optional.of(new TriageSummary(pathway, priority, rules, reasons, all));
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Triage's answer to new findings: {@code revision} counts them from 1; {@code applied} is false while a less
     * urgent pathway waits for a clinician's review.
     */
    public record TriageRevision(int revision, Instant at, Pathway pathway, Priority priority, List<String> rules,
                                 boolean applied) {

        TriageRevision asApplied() {
            return new TriageRevision(revision, at, pathway, priority, rules, true);
        }
    }

    public record TimelineEntry(Instant at, ReferralStatus status, String detail) {
    }
}
