package health.backline.starter.audit;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes and reads the audit trail of a service, in its own schema. An entry written inside a
 * transaction commits or rolls back with it. The service's runtime database role may only insert
 * and read entries (ADR 13).
 */
public class AuditTrail {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ZoneId clinicZone;

    public AuditTrail(JdbcClient jdbc, Clock clock, ZoneId clinicZone) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.clinicZone = clinicZone;
    }

    /** A decision or an action (not a read): who did what to which referral. */
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

    /** Newest first, filtered by whichever of user, referral and day the query names. */
    public List<AuditEntry> find(AuditQuery query) {
        Timestamp from = query.day() == null ? null : Timestamp.from(query.day().atStartOfDay(clinicZone).toInstant());
        Timestamp until = query.day() == null ? null
                : Timestamp.from(query.day().plusDays(1).atStartOfDay(clinicZone).toInstant());
        return jdbc.sql("""
                        SELECT id, at, actor, action, channel, referral_id, referral_ids, detail FROM audit_entry
                        WHERE (CAST(:actor AS varchar) IS NULL OR actor = CAST(:actor AS varchar))
                          AND (CAST(:referral AS varchar) IS NULL OR CAST(:referral AS varchar) = ANY (referral_ids))
                          AND (CAST(:from AS timestamptz) IS NULL OR at >= CAST(:from AS timestamptz))
                          AND (CAST(:until AS timestamptz) IS NULL OR at < CAST(:until AS timestamptz))
                        ORDER BY at DESC, id DESC LIMIT :limit""")
                .param("actor", query.user())
                .param("referral", query.referralId())
                .param("from", from)
                .param("until", until)
                .param("limit", query.limit())
                .query((rs, n) -> entry(rs))
                .list();
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        Array ids = rs.getArray("referral_ids");
        return new AuditEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                rs.getString("action"), rs.getString("channel"), rs.getString("referral_id"),
                List.of((String[]) ids.getArray()), rs.getString("detail"));
    }
}
