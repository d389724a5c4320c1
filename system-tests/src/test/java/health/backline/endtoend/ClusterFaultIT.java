package health.backline.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.events.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The cluster profile under a steady open-loop load through intake's front (30 referrals/s for 3 minutes unless told
 * otherwise, after a minute's warm-up at a third of that, drained before the clock starts): at 30 s the Kafka node
 * that leads {@code referrals.submitted}'s first partition is killed with SIGKILL, at 90 s one instance of every
 * service; the launcher brings each back. Afterwards every accepted referral has
 * reached its outcome exactly once, no appointment is doubled, every consumer group has rebalanced onto both instances
 * again, no outbox holds anything and nothing was dead-lettered. The figures (longest stall, recovery, throughput
 * before, during and after) are printed and written to {@code target/cluster-fault/figures.md}.
 *
 * <p>Not part of {@code mvn verify}: it takes 7-13 minutes on its own. {@code .ci/cluster-fault-test}
 * runs it (ADR 27).
 */
@Tag("cluster-fault")
class ClusterFaultIT {

    private static final double RATE = Double.parseDouble(System.getProperty("backline.cluster-fault.rate", "30"));
    private static final Duration LOAD = Duration.ofSeconds(Long.getLong("backline.cluster-fault.seconds", 180));
    /** Before the clock starts, a third of the rate for a minute: eleven JVMs compile their hot code first. */
    private static final Duration WARM_UP = Duration.ofSeconds(60);
    private static final Duration KILL_NODE_AT = Duration.ofSeconds(30);
    private static final Duration KILL_INSTANCES_AT = Duration.ofSeconds(90);
    private static final Duration BACK_WITHIN = Duration.ofMinutes(5);
    private static final Duration DRAIN_WITHIN = Duration.ofMinutes(20);
    private static final List<String> SERVICES = List.of("intake", "triage", "workflow", "scheduling");
    private static final List<String> OUTBOXES = List.of("intake", "triage", "workflow_app", "scheduling");
    /** Slots beyond the seeded ones for the pathways that book them, a fifth more than the run's share of them. */
    private static final double SLOT_MARGIN = 1.2;
    private static final Path DIRECTORY = Path.of("target", "cluster-fault");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LauncherCluster cluster;
    private static Admin admin;

    /** When each fault and recovery happened, by name. */
    private final Map<String, Instant> events = new ConcurrentHashMap<>();
    private volatile int killedNode;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void startTheCluster() throws Exception {
        cluster = LauncherCluster.start(DIRECTORY, Duration.ofMinutes(10));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafkaBootstrap()));
        int referrals = (int) Math.round(RATE * LOAD.toSeconds() + RATE / 3 * WARM_UP.toSeconds());
        addSlots("PHYSICAL_THERAPY", "PT-CLUSTER", "Physiotherapy clinic", (int) (referrals * 0.3 * SLOT_MARGIN));
        addSlots("PRIMARY_CARE_FOLLOW_UP", "GP-CLUSTER", "Primary care clinic", (int) (referrals * 0.2 * SLOT_MARGIN));
    }

    /** Through the first scheduling instance, eight at a time. */
    private static void addSlots(String pathway, String resourcePrefix, String location, int count) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Semaphore inFlight = new Semaphore(8);
        List<CompletableFuture<Integer>> added = new ArrayList<>();
        for (String slot : GeneratedSlots.bodies(pathway, resourcePrefix, location, count)) {
            inFlight.acquire();
            added.add(client.sendAsync(HttpRequest.newBuilder(URI.create(cluster.url("scheduling-1") + "/api/slots"))
                            .header("Authorization", HttpProbe.basic("scheduler", "scheduler"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(slot)).build(), HttpResponse.BodyHandlers.discarding())
                    .thenApply(HttpResponse::statusCode).whenComplete((status, failure) -> inFlight.release()));
        }
        assertThat(added.stream().map(CompletableFuture::join)).as(pathway + " slots added").containsOnly(201);
    }

    @AfterAll
    static void stopTheCluster() {
        if (admin != null) {
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
            System.out.println("[cluster-fault] launcher output and logs: " + DIRECTORY.toAbsolutePath());
        }
    }

    /**
     * As the services created them (backline.kafka.replicas, min-insync-replicas): min.insync.replicas set on the topic
     * itself, not only the brokers' default.
     */
    @Test
    void every_topic_of_the_contract_has_three_copies_of_which_two_must_have_a_write() throws Exception {
        List<String> topics = Topics.ALL.stream().flatMap(topic -> Stream.of(topic, Topics.deadLetterOf(topic))).toList();
        for (TopicDescription topic : describe(topics)) {
            assertThat(topic.partitions()).as(topic.name()).allSatisfy(partition ->
                    assertThat(partition.replicas()).hasSize(3));
        }
        Map<ConfigResource, Config> configs = admin.describeConfigs(topics.stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList()).all().get(30, TimeUnit.SECONDS);
        configs.forEach((topic, config) -> {
            ConfigEntry minInsync = config.get("min.insync.replicas");
            assertThat(minInsync.value()).as(topic.name()).isEqualTo("2");
            assertThat(minInsync.source()).as(topic.name()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        });
        assertThat(configs).hasSize(topics.size());
    }

    @Test
    void losing_a_kafka_node_and_an_instance_of_every_service_under_load_loses_and_doubles_nothing() throws Exception {
        OpenLoopSubmissions.Result warmUp = new OpenLoopSubmissions(cluster.frontUrl(), "WARMUP").run(RATE / 3, WARM_UP);
        await().atMost(DRAIN_WITHIN).pollInterval(Duration.ofSeconds(2)).until(() -> notThereYet(expectedOf(warmUp)) == 0);

        CpuByPart cpu = cluster.cpuByPart();
        cpu.begin();
        Instant loadStart = Instant.now();
        String loadBefore = loadAverage();
        CompletableFuture<Void> faults = CompletableFuture.runAsync(() -> injectFaults(loadStart));
        OpenLoopSubmissions.Result load = new OpenLoopSubmissions(cluster.frontUrl(), "CLUSTER").run(RATE, LOAD);
        String machine = Runtime.getRuntime().availableProcessors() + " cores, load average (1, 5, 15 min) "
                + loadBefore + " as the load began, " + loadAverage() + " as it ended";
        faults.get(BACK_WITHIN.toMinutes() * 2, TimeUnit.MINUTES);

        assertThat(load.notAccepted() + warmUp.notAccepted()).as("submissions never accepted, even sent again: "
                + load.refusals()).isZero();
        assertThat(Stream.concat(warmUp.accepted().stream(), load.accepted().stream()).map(OpenLoopSubmissions.Accepted::id))
                .as("one referral per submission, also when one was sent again").doesNotHaveDuplicates();
        Map<String, String> expected = new HashMap<>(expectedOf(warmUp));
        expected.putAll(expectedOf(load));
        await().atMost(DRAIN_WITHIN).pollInterval(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(notThereYet(expected)).as("referrals not at their outcome yet").isZero());
        CpuByPart.Usage cpuUsed = cpu.end();

        outcomesThroughTheApi(warmUp.accepted());
        List<ClusterFigures.Outcome> outcomes = outcomesThroughTheApi(load.accepted());
        try (Connection db = cluster.database()) {
            assertThat(count(db, "SELECT count(*) FROM intake.referral")).as("referrals intake holds").isEqualTo(expected.size());
            ProcessedOnce.assertEachReferralProcessedOnce(db, expected);
            ProcessedOnce.assertNoAppointmentDoubled(db, expected.keySet());
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
                for (String schema : OUTBOXES) {
                    assertThat(count(db, "SELECT count(*) FROM " + schema + ".outbox_event")).as(schema + "'s outbox").isZero();
                }
            });
        }
        assertThat(groupsWithoutBothInstances()).as("consumer groups not spread over both instances").isEmpty();
        assertThat(DeadLetters.count(cluster.kafkaBootstrap())).as("records in dead-letter topics").isZero();

        String figures = new ClusterFigures(faultsOf(load), outcomes).report(RATE, load, machine) + "\n"
                + cpuUsed.report(load.accepted().size());
        Files.writeString(DIRECTORY.resolve("figures.md"), figures);
        System.out.println("[cluster-fault] figures\n" + figures);
    }

    /**
     * At 30 s the leader of referrals.submitted-0 is killed; at 90 s, or once every partition is in sync again if that
     * is later, an instance of each service. Each is awaited back.
     */
    private void injectFaults(Instant loadStart) {
        try {
            sleepUntil(loadStart.plus(KILL_NODE_AT));
            TopicPartitionInfo first = describe(List.of("referrals.submitted")).get(0).partitions().get(0);
            String node = "kafka-" + first.leader().id();
            long killed = cluster.kill(node);
            events.put("nodeKilled", Instant.now());
            killedNode = first.leader().id();
            System.out.printf("[cluster-fault] %s (leader of referrals.submitted-0, pid %d) killed with SIGKILL%n", node, killed);
            cluster.awaitBack(node, killed, BACK_WITHIN);
            events.put("nodeBack", Instant.now());
            await().atMost(BACK_WITHIN).pollInterval(Duration.ofMillis(500)).until(this::everyPartitionInSync);
            events.put("nodeInSync", Instant.now());

            sleepUntil(loadStart.plus(KILL_INSTANCES_AT));
            Map<String, Long> killedInstances = new HashMap<>();
            for (String service : SERVICES) {
                killedInstances.put(service + "-1", cluster.kill(service + "-1"));
            }
            events.put("instancesKilled", Instant.now());
            System.out.println("[cluster-fault] intake-1, triage-1, workflow-1 and scheduling-1 killed with SIGKILL");
            await().atMost(BACK_WITHIN).pollInterval(Duration.ofMillis(500))
                    .until(() -> allBack(killedInstances) && groupsWithoutBothInstances().isEmpty());
            events.put("groupsRebalanced", Instant.now());
        } catch (Exception e) {
            throw new IllegalStateException("Injecting the faults failed", e);
        }
    }

    /** Whether the launcher has a new healthy process for each killed one; notes when the last came back. */
    private boolean allBack(Map<String, Long> killed) throws Exception {
        for (Map.Entry<String, Long> instance : killed.entrySet()) {
            LauncherCluster.Part part = cluster.part(instance.getKey());
            if (part.pid() == instance.getValue() || !part.state().equals("UP")) {
                return false;
            }
        }
        events.putIfAbsent("instancesBack", Instant.now());
        return true;
    }

    private boolean everyPartitionInSync() throws Exception {
        Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        return describe(topics).stream().flatMap(topic -> topic.partitions().stream())
                .allMatch(partition -> partition.leader() != null && partition.isr().size() == partition.replicas().size());
    }

    private static List<TopicDescription> describe(Collection<String> topics) throws Exception {
        return List.copyOf(admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values());
    }

    /**
     * The services' consumer groups that do not have members of both instances holding partitions, or leave a
     * partition of their topics to no one.
     */
    private static List<String> groupsWithoutBothInstances() throws Exception {
        List<String> groups = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                .map(ConsumerGroupListing::groupId)
                .filter(group -> SERVICES.stream().anyMatch(service -> group.startsWith(service + "-"))).toList();
        List<String> lacking = new ArrayList<>();
        for (ConsumerGroupDescription group : admin.describeConsumerGroups(groups).all().get(30, TimeUnit.SECONDS).values()) {
            String service = group.groupId().substring(0, group.groupId().indexOf('-'));
            Set<String> holding = new HashSet<>();
            Set<TopicPartition> assigned = new HashSet<>();
            for (MemberDescription member : group.members()) {
                if (!member.assignment().topicPartitions().isEmpty()) {
                    assigned.addAll(member.assignment().topicPartitions());
                    holding.add(member.clientId().startsWith("backline-" + service + "-1-") ? "1"
                            : member.clientId().startsWith("backline-" + service + "-2-") ? "2" : member.clientId());
                }
            }
            Set<String> topics = assigned.stream().map(TopicPartition::topic).collect(Collectors.toSet());
            int partitions = describe(topics).stream().mapToInt(topic -> topic.partitions().size()).sum();
            if (!holding.equals(Set.of("1", "2")) || assigned.size() < partitions) {
                lacking.add(group.groupId() + " (instances holding partitions " + holding + ", " + assigned.size()
                        + " of " + partitions + " partitions assigned)");
            }
        }
        return lacking;
    }

    private static Map<String, String> expectedOf(OpenLoopSubmissions.Result run) {
        return run.accepted().stream()
                .collect(Collectors.toMap(OpenLoopSubmissions.Accepted::id, OpenLoopSubmissions.Accepted::expectedStatus));
    }

    /** How many referrals intake does not show at their outcome yet, read from its table. */
    private static long notThereYet(Map<String, String> expected) throws Exception {
        Map<String, String> statuses = new HashMap<>();
        try (Connection db = cluster.database(); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT CAST(id AS varchar), status FROM intake.referral")) {
            while (rows.next()) {
                statuses.put(rows.getString(1), rows.getString(2));
            }
        }
        return expected.entrySet().stream().filter(referral -> !referral.getValue().equals(statuses.get(referral.getKey())))
                .count();
    }

    /**
     * Every referral as the front desk sees it through the front: at its outcome, no status twice in its timeline;
     * when it reached the outcome (its own timeline says).
     */
    private List<ClusterFigures.Outcome> outcomesThroughTheApi(List<OpenLoopSubmissions.Accepted> accepted) throws Exception {
        Semaphore inFlight = new Semaphore(8);
        List<CompletableFuture<ClusterFigures.Outcome>> outcomes = new ArrayList<>();
        for (OpenLoopSubmissions.Accepted referral : accepted) {
            inFlight.acquire();
            outcomes.add(http.sendAsync(HttpRequest.newBuilder(URI.create(cluster.frontUrl() + "/api/referrals/" + referral.id()))
                            .header("Authorization", HttpProbe.basic("frontdesk", "frontdesk")).GET().build(),
                    HttpResponse.BodyHandlers.ofString())
                    .whenComplete((answer, failure) -> inFlight.release())
                    .thenApply(answer -> outcomeOf(referral, answer)));
        }
        return outcomes.stream().map(CompletableFuture::join).toList();
    }

    private static ClusterFigures.Outcome outcomeOf(OpenLoopSubmissions.Accepted referral, HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as("GET of " + referral.id()).isEqualTo(200);
        JsonNode view;
        try {
            view = JSON.readTree(answer.body());
        } catch (Exception e) {
            throw new IllegalStateException(answer.body(), e);
        }
        assertThat(view.path("status").asText()).as("status of " + referral.id()).isEqualTo(referral.expectedStatus());
        List<String> statuses = new ArrayList<>();
        Instant reached = null;
        for (JsonNode entry : view.path("timeline")) {
            statuses.add(entry.path("status").asText());
            if (reached == null && entry.path("status").asText().equals(referral.expectedStatus())) {
                reached = Instant.parse(entry.path("at").asText());
            }
        }
        assertThat(statuses).as("timeline of " + referral.id()).doesNotHaveDuplicates();
        return new ClusterFigures.Outcome(referral.dueAt(), referral.acceptedAt(), reached);
    }

    private ClusterFigures.Faults faultsOf(OpenLoopSubmissions.Result load) {
        return new ClusterFigures.Faults(load.start(), load.end(), String.valueOf(killedNode), events.get("nodeKilled"),
                events.get("nodeBack"), events.get("nodeInSync"), events.get("instancesKilled"), events.get("instancesBack"),
                events.get("groupsRebalanced"));
    }

    /** The first three figures of /proc/loadavg: runnable threads on the machine, over 1, 5 and 15 minutes. */
    private static String loadAverage() throws Exception {
        String[] figures = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return figures[0] + ", " + figures[1] + ", " + figures[2];
    }

    private static long count(Connection db, String query) throws Exception {
        try (Statement sql = db.createStatement(); ResultSet result = sql.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static void sleepUntil(Instant at) throws InterruptedException {
        Duration wait = Duration.between(Instant.now(), at);
        if (!wait.isNegative()) {
            Thread.sleep(wait.toMillis());
        }
    }
}
