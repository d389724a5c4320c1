package health.backline.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.endtoend.RunningBackline.Response;
import health.backline.testsupport.Infrastructure;
import health.backline.testsupport.RealInfrastructure;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of every service over one broker and one database: every clinical case and 200
 * generated referrals are processed once each (one process instance, at most one booked
 * appointment) and none is lost, while the Kafka consumer groups share the partitions between
 * the instances.
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
        first = instance("first");
        second = instance("second");
    }

    /**
     * An instance with the default 4 consumers per listener, its consumers named after it. The other end-to-end
     * tests' instance may be running too, in the same consumer groups: 3 instances of 4 consumers hold the 12
     * partitions one each (a consumer beyond the partition count would sit idle, and an instance whose consumers
     * all sit idle is not healthy).
     */
    private static RunningBackline instance(String name) throws Exception {
        Infrastructure infrastructure = RealInfrastructure.get();
        List<String> settings = new ArrayList<>(RunningBackline.connections(infrastructure.kafkaBootstrapServers(),
                infrastructure.databaseName()));
        settings.add("--spring.kafka.client-id=backline-" + name);
        return RunningBackline.startWith(settings, "-" + name, "intake", "triage", "workflow", "scheduling");
    }

    @AfterAll
    static void stopBothInstances() {
        for (RunningBackline instance : new RunningBackline[] {second, first}) {
            if (instance != null) {
                instance.close();
            }
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
            GeneratedReferrals.Referral generated = GeneratedReferrals.number(i, "SCALE");
            referrals.add(Map.entry(generated.intake(), generated.pathway()));
        }
        for (int i = 0; i < referrals.size(); i++) {
            RunningBackline intakeInstance = i % 2 == 0 ? first : second;
            Response accepted = submit(intakeInstance, referrals.get(i).getKey().toString());
            assertThat(accepted.status()).as("accepted, or the first answer again on a retry").isIn(202, 200);
            expectedStatus.put(accepted.body().get("id").asText(),
                    GeneratedReferrals.statusWithoutAPersonActing(referrals.get(i).getValue()));
        }

        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(unfinished(expectedStatus)).as("referrals not yet where they should be").isEmpty());

        ProcessedOnce.assertEachReferralProcessedOnce(RealInfrastructure.get().jdbcUrl(), expectedStatus);
        assertConsumerGroupsSpanBothInstances();
    }


    /**
     * As the front desk's client does: with an Idempotency-Key, sent once more if the answer was lost on the way
     * (once, with twelve JVMs on two cores, a POST died mid-answer), so a retry can never make a second referral.
     */
    private static Response submit(RunningBackline intakeInstance, String intake) {
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        try {
            return intakeInstance.post("intake", "/api/referrals", "frontdesk", intake, key);
        } catch (IllegalStateException answerLost) {
            return intakeInstance.post("intake", "/api/referrals", "frontdesk", intake, key);
        }
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

    /** Each listener's consumer group has members in both instances, and both hold partitions (a third may too). */
    private static void assertConsumerGroupsSpanBothInstances() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealInfrastructure.get().kafkaBootstrapServers()))) {
            Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(CONSUMER_GROUPS)
                    .all().get(30, TimeUnit.SECONDS);
            for (String group : CONSUMER_GROUPS) {
                Set<String> instancesWithPartitions = new HashSet<>();
                groups.get(group).members().stream().filter(m -> !m.assignment().topicPartitions().isEmpty())
                        .forEach(m -> instancesWithPartitions.add(m.clientId().startsWith("backline-first") ? "first"
                                : m.clientId().startsWith("backline-second") ? "second" : "another"));
                assertThat(instancesWithPartitions).as(group + ": instances holding partitions")
                        .contains("first", "second");
            }
        }
    }

    private static JsonNode clinicalCases() throws Exception {
        try (InputStream in = ScaleOutIT.class.getClassLoader().getResourceAsStream("processes/triage/cases.json")) {
            return JSON.readTree(in).get("cases");
        }
    }
}
