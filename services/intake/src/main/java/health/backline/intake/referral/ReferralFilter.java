package health.backline.intake.referral;

import health.backline.events.Pathway;
import health.backline.events.ReferralStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which referrals a list or a search asks for; every part left null matches all. {@code statuses} is a set
 * because one FHIR request status (say {@code active}) stands for several of ours.
 */
public record ReferralFilter(Set<ReferralStatus> statuses, Pathway pathway, String mrn, Instant from, Instant to) {

    public static final ReferralFilter ALL = new ReferralFilter(null, null, null, null, null);

    public ReferralFilter withStatus(ReferralStatus status) {
        return withStatuses(status == null ? null : Set.of(status));
    }

    public ReferralFilter withStatuses(Set<ReferralStatus> wanted) {
        return new ReferralFilter(wanted, pathway, mrn, from, to);
    }

    public ReferralFilter withPathway(Pathway wanted) {
        return new ReferralFilter(statuses, wanted, mrn, from, to);
    }

    /** The referrals of the patient with this medical record number. */
    public ReferralFilter withMrn(String wanted) {
        return new ReferralFilter(statuses, pathway, wanted, from, to);
    }

    public ReferralFilter submittedBetween(Instant start, Instant end) {
        return new ReferralFilter(statuses, pathway, mrn, start, end);
    }

    String where() {
        return " WHERE (CAST(:anyStatus AS boolean) OR status IN (:statuses))"
                + " AND (CAST(:pathway AS varchar) IS NULL OR pathway = :pathway)"
                + " AND (CAST(:mrn AS varchar) IS NULL OR intake -> 'patient' ->> 'mrn' = :mrn)"
                + " AND (CAST(:from AS timestamptz) IS NULL OR submitted_at >= :from)"
                + " AND (CAST(:to AS timestamptz) IS NULL OR submitted_at < :to)";
    }

    Map<String, Object> params() {
        Map<String, Object> params = new HashMap<>();
        params.put("anyStatus", statuses == null);
        params.put("statuses", names(statuses));
        params.put("pathway", pathway == null ? null : pathway.name());
        params.put("mrn", mrn);
        params.put("from", from == null ? null : Timestamp.from(from));
        params.put("to", to == null ? null : Timestamp.from(to));
        return params;
    }

    /** {@code IN ()} is not SQL: an empty or absent set still needs one name, which matches no status. */
    private static List<String> names(Collection<ReferralStatus> statuses) {
        return statuses == null || statuses.isEmpty() ? List.of("") : statuses.stream().map(Enum::name).toList();
    }
}
