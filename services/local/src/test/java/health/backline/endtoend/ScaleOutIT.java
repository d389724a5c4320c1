package health.backline.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.endtoend.RunningBackline.Response;
import health.backline.testsupport.Infrastructure;
import health.backline.testsupport.RealInfrastructure;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of every service over one broker and one database: every clinical case and 200
 * generated referrals are processed once each (one process instance, at most one booked
 * appointment) and none is lost, while the Kafka consumer groups share the partitions.
 */
class ScaleOutIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GENERATED = 200;
    private static final List<String> CONSUMER_GROUPS = List.of("intake-triage-results", "intake-status-changes",
            "intake-appointments", "triage-submitted-referrals", "workflow-submitted-referrals",
            "workflow-triaged-referrals", "workflow-appointment-outcomes", "scheduling-appointment-requests");

    private static RunningBackline first;
    private static RunningBackline second;

    @BeforeAll
    static void twoInstancesOfEverything() throws Exception {
        first = RunningBackline.shared();
        second = RunningBackline.startInstance("-2", "intake", "triage", "workflow", "scheduling");
    }

    @AfterAll
    static void stopTheSecondInstances() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void every_referral_is_processed_once_and_none_is_lost_when_every_service_runs_twice() throws Exception {
        Map<String, String> expectedStatus = new HashMap<>();
        List<Map.Entry<JsonNode, String>> referrals = new ArrayList<>();
        for (JsonNode clinicalCase : clinicalCases()) {
            referrals.add(Map.entry(clinicalCase.get("intake"), clinicalCase.at("/expected/pathway").asText()));
        }
        for (int i = 0; i < GENERATED; i++) {
            referrals.add(generated(i));
        }
        for (int i = 0; i < referrals.size(); i++) {
            RunningBackline intakeInstance = i % 2 == 0 ? first : second;
            Response accepted = intakeInstance.post("intake", "/api/referrals", "frontdesk",
                    referrals.get(i).getKey().toString(), Map.of());
            assertThat(accepted.status()).isEqualTo(202);
            // Without a person acting, a referral is booked, or waits for the clinician's imaging review.
            expectedStatus.put(accepted.body().get("id").asText(),
                    referrals.get(i).getValue().equals("URGENT_IMAGING") ? "AWAITING_REVIEW" : "SCHEDULED");
        }

        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(unfinished(expectedStatus)).as("referrals not yet where they should be").isEmpty());

        try (Connection db = database()) {
            Map<String, Integer> instances = countBy(db, "SELECT business_key_ AS k, count(*) AS n FROM workflow.act_hi_procinst "
                    + "WHERE proc_def_key_ = 'referral' GROUP BY business_key_");
            Map<String, Integer> booked = countBy(db, "SELECT CAST(referral_id AS varchar) AS k, count(*) AS n "
                    + "FROM scheduling.appointment WHERE status = 'BOOKED' GROUP BY referral_id");
            for (Map.Entry<String, String> referral : expectedStatus.entrySet()) {
                assertThat(instances.get(referral.getKey())).as("process instances of " + referral.getKey()).isEqualTo(1);
                int appointments = booked.getOrDefault(referral.getKey(), 0);
                assertThat(appointments).as("booked appointments of " + referral.getKey())
                        .isEqualTo(referral.getValue().equals("SCHEDULED") ? 1 : 0);
            }
        }
        assertConsumerGroupsSpanBothInstances();
    }


    private static List<String> unfinished(Map<String, String> expectedStatus) {
        List<String> waiting = new ArrayList<>();
        for (Map.Entry<String, String> referral : expectedStatus.entrySet()) {
            JsonNode view = first.get("intake", "/api/referrals/" + referral.getKey(), "frontdesk").body();
            if (view == null || !referral.getValue().equals(view.path("status").asText())) {
                waiting.add(referral.getKey() + " is " + (view == null ? "unknown" : view.path("status").asText()));
            }
        }
        return waiting;
    }

    /** Each listener's consumer group has members in both instances, and both hold partitions. */
    private static void assertConsumerGroupsSpanBothInstances() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealInfrastructure.get().kafkaBootstrapServers()))) {
            Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(CONSUMER_GROUPS)
                    .all().get(30, TimeUnit.SECONDS);
            for (String group : CONSUMER_GROUPS) {
                List<MemberDescription> members = List.copyOf(groups.get(group).members());
                assertThat(members).as(group + " members").hasSizeGreaterThanOrEqualTo(2);
                Set<String> withPartitions = new HashSet<>();
                members.stream().filter(m -> !m.assignment().topicPartitions().isEmpty())
                        .forEach(m -> withPartitions.add(m.consumerId()));
                assertThat(withPartitions).as(group + " members holding partitions").hasSizeGreaterThanOrEqualTo(2);
            }
        }
    }

    /**
     * A spread of everyday referrals: emergency department, physical therapy, primary care and
     * imaging, so every pathway runs on both instances at once.
     */
    private static Map.Entry<JsonNode, String> generated(int i) throws Exception {
        String[][] findingsAndPathway = {
                {"[\"CHEST_PAIN\"]", "ER_REFERRAL"},
                {"[\"RECURRENT_EPISODES\"]", "PHYSICAL_THERAPY"},
                {"[]", "PRIMARY_CARE_FOLLOW_UP"},
                {"[\"UNABLE_TO_MOVE\"]", "ER_REFERRAL"},
                {"[\"CANCER_HISTORY\"]", "URGENT_IMAGING"},
                {"[\"RECURRENT_EPISODES\", \"STRESS_OR_ANXIETY\"]", "PHYSICAL_THERAPY"},
                {"[\"HIGH_ENERGY_TRAUMA\"]", "ER_REFERRAL"},
                {"[\"OVERUSE_OR_HEAVY_LIFTING\", \"RECURRENT_EPISODES\"]", "PHYSICAL_THERAPY"},
                {"[\"SUDDEN_ONE_SIDED_NUMBNESS\"]", "ER_REFERRAL"},
                {"[\"PROLONGED_SITTING_OR_POOR_POSTURE\"]", "PRIMARY_CARE_FOLLOW_UP"}};
        String[] chosen = findingsAndPathway[i % findingsAndPathway.length];
        return Map.entry(JSON.readTree("""
                {"patient": {"mrn": "SCALE-%03d", "givenName": "Test", "familyName": "Patient %d", "birthDate": "1980-01-15"},
                 "complaint": {"region": "LUMBAR", "symptomDurationDays": 10, "painScore": 6},
                 "findings": %s}""".formatted(i, i, chosen[0])), chosen[1]);
    }

    private static JsonNode clinicalCases() throws Exception {
        try (InputStream in = ScaleOutIT.class.getClassLoader().getResourceAsStream("processes/triage/cases.json")) {
            return JSON.readTree(in).get("cases");
        }
    }

    private static Connection database() throws Exception {
        Infrastructure infrastructure = RealInfrastructure.get();
        return DriverManager.getConnection(infrastructure.jdbcUrl(), infrastructure.databaseUser(),
                infrastructure.databasePassword());
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
