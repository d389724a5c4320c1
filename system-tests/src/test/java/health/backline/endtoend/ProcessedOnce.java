package health.backline.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import health.backline.testsupport.RealInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Nothing doubled, read from the services' own tables: each referral has exactly one process instance
 * (history included), and one booked appointment if it reached SCHEDULED, none otherwise.
 */
final class ProcessedOnce {

    private ProcessedOnce() {
    }

    /** {@code expectedStatus}: referral id to the status it reached; {@code jdbcUrl}: the database the services use. */
    static void assertEachReferralProcessedOnce(String jdbcUrl, Map<String, String> expectedStatus) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, RealInfrastructure.get().databaseUser(),
                RealInfrastructure.get().databasePassword())) {
            assertEachReferralProcessedOnce(db, expectedStatus);
        }
    }

    /** As {@link #assertEachReferralProcessedOnce(String, Map)}, over a connection to the services' database. */
    static void assertEachReferralProcessedOnce(Connection db, Map<String, String> expectedStatus) throws Exception {
        Map<String, Integer> instances = countBy(db, "SELECT business_key_ AS k, count(*) AS n FROM workflow.act_hi_procinst "
                + "WHERE proc_def_key_ = 'referral' GROUP BY business_key_");
        Map<String, Integer> booked = countBy(db, "SELECT CAST(referral_id AS varchar) AS k, count(*) AS n "
                + "FROM scheduling.appointment WHERE status = 'BOOKED' GROUP BY referral_id");
        expectedStatus.forEach((id, status) -> {
            assertThat(instances.get(id)).as("process instances of " + id).isEqualTo(1);
            assertThat(booked.getOrDefault(id, 0)).as("booked appointments of " + id)
                    .isEqualTo(status.equals("SCHEDULED") ? 1 : 0);
        });
    }

    /** No referral was booked twice, not even booked twice and one cancelled again: one appointment at most. */
    static void assertNoAppointmentDoubled(Connection db, Collection<String> referralIds) throws Exception {
        Map<String, Integer> appointments = countBy(db, "SELECT CAST(referral_id AS varchar) AS k, count(*) AS n"
                + " FROM scheduling.appointment GROUP BY referral_id");
        referralIds.forEach(id -> assertThat(appointments.getOrDefault(id, 0)).as("appointments of " + id)
                .isLessThanOrEqualTo(1));
    }

    private static Map<String, Integer> countBy(Connection db, String sql) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                counts.put(rows.getString("k"), rows.getInt("n"));
            }
        }
        return counts;
    }
}
