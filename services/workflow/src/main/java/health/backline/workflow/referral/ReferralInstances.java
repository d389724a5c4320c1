package health.backline.workflow.referral;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which process instance serves which referral. */
@Repository
class ReferralInstances {

    private final JdbcClient jdbc;

    ReferralInstances(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the referral for a new instance, in the transaction that starts it; false when it already has one. */
    boolean claim(UUID referralId, Instant startedAt) {
        return jdbc.sql("""
                        INSERT INTO referral_instance (referral_id, started_at) VALUES (?, ?)
                        ON CONFLICT (referral_id) DO NOTHING""")
                .params(referralId, Timestamp.from(startedAt))
                .update() == 1;
    }

    void started(UUID referralId, String processInstanceId) {
        jdbc.sql("UPDATE referral_instance SET process_instance_id = ? WHERE referral_id = ?")
                .params(processInstanceId, referralId)
                .update();
    }

}
