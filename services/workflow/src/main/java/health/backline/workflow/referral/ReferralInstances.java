package health.backline.workflow.referral;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which process instance serves which referral, and the events heard before it started. Every event
 * of a referral first locks the referral's row, so one referral's events take effect one at a time,
 * whatever topic or listener thread they came through.
 */
@Repository
class ReferralInstances {

    /** A referral as the workflow knows it, locked until the transaction ends. */
    record KnownReferral(UUID referralId, String processInstanceId, boolean cancelled, String earlyTriage) {

        boolean started() {
            return processInstanceId != null;
        }

        Optional<String> triageHeardEarly() {
            return Optional.ofNullable(earlyTriage);
        }
    }

    private final JdbcClient jdbc;

    ReferralInstances(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the referral's row, creating it if this is the first event heard of the referral. */
    KnownReferral lock(UUID referralId) {
        jdbc.sql("INSERT INTO referral_instance (referral_id) VALUES (?) ON CONFLICT (referral_id) DO NOTHING")
                .param(referralId)
                .update();
        return jdbc.sql("""
                        SELECT process_instance_id, cancelled_at IS NOT NULL AS cancelled, early_triage
                        FROM referral_instance WHERE referral_id = ? FOR UPDATE""")
                .param(referralId)
                .query((row, number) -> new KnownReferral(referralId, row.getString("process_instance_id"),
                        row.getBoolean("cancelled"), row.getString("early_triage")))
                .single();
    }

    void started(UUID referralId, String processInstanceId, Instant startedAt) {
        jdbc.sql("UPDATE referral_instance SET process_instance_id = ?, started_at = ?, early_triage = NULL WHERE referral_id = ?")
                .params(processInstanceId, Timestamp.from(startedAt), referralId)
                .update();
    }

    void cancelledBeforeStart(UUID referralId, Instant cancelledAt) {
        jdbc.sql("UPDATE referral_instance SET cancelled_at = ?, early_triage = NULL WHERE referral_id = ?")
                .params(Timestamp.from(cancelledAt), referralId)
                .update();
    }

    void triagedBeforeStart(UUID referralId, String triageJson) {
        jdbc.sql("UPDATE referral_instance SET early_triage = ? WHERE referral_id = ?")
                .params(triageJson, referralId)
                .update();
    }
}
