package health.backline.starter.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes and reads the audit trail of a service, in its own schema. An entry written inside a
 * transaction commits or rolls back with it.
 */
public class AuditTrail {

    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String actor, String action, String referralId, String detail) {
        insert(actor, action, null, referralId == null ? List.of() : List.of(referralId), detail);
    }

    /**
     * One entry for one read of patient-identifying data: who read it, through what ({@code channel},
     * e.g. {@code "GET /api/referrals/{id}"} or {@code "Tasklist"}), and every referral it showed.
     */
    public void recordRead(String actor, String channel, Collection<String> referralIds, String detail) {
        insert(actor, "PATIENT_DATA_READ", channel, referralIds, detail);
    }

    private void insert(String actor, String action, String channel, Collection<String> referralIds, String detail) {
        String single = referralIds.size() == 1 ? referralIds.iterator().next() : null;
        jdbc.sql("""
                        INSERT INTO audit_entry (at, actor, action, channel, referral_id, referral_ids, detail)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(clock.instant()), actor, action, channel, single,
                        referralIds.toArray(String[]::new), detail)
                .update();
    }

    /** Newest first; all referrals when {@code referralId} is null. */
    public List<AuditEntry> newest(String referralId, int limit) {
        return jdbc.sql("""
                        SELECT id, at, actor, action, referral_id, detail FROM audit_entry
                        WHERE CAST(:referral AS varchar) IS NULL OR CAST(:referral AS varchar) = ANY (referral_ids)
                        ORDER BY at DESC, id DESC LIMIT :limit""")
                .param("referral", referralId)
                .param("limit", limit)
                .query((rs, n) -> new AuditEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                        rs.getString("action"), rs.getString("referral_id"), rs.getString("detail")))
                .list();
    }
}
