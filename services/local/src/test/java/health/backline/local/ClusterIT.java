package health.backline.local;

import health.backline.testsupport.FreePorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code --cluster} as users run it, in a JVM of its own, with stand-in intake and triage jars: three Kafka nodes
 * that keep taking writes with one of them killed (and bring it back), two instances of each service with the
 * cluster's settings, intake's front handing requests to both, and {@code status} covering all of it.
 */
class ClusterIT {

    /** Every port is this far from one base: PostgreSQL, the first Kafka node and controller, the services. */
    private static final int POSTGRES = 2;
    private static final int INTAKE = 3;
    private static final int TRIAGE = 4;

    @TempDir
    Path directory;

    private Path data;
    private Path output;
    private int base;
    private final Map<String, String> environment = new HashMap<>();
    private Process launcher;

    @AfterEach
    void killTheLauncherIfTheTestFailed() {
        if (launcher != null && launcher.isAlive()) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    @Test
    void three_kafka_nodes_two_instances_of_each_service_a_front_and_status_over_all_of_them() throws Exception {
        Process backline = startCluster();
        await().atMost(Duration.ofSeconds(240)).until(() -> output().contains("Ctrl-C stops everything.") || !backline.isAlive());

        assertThat(backline.isAlive()).as(output()).isTrue();
        assertThat(output()).contains("Kafka ready in", "intake-1 is up", "triage-1 is up", "intake-2 is up",
                "triage-2 is up", "Intake's front on port " + (base + INTAKE) + " hands requests to 2 instances in turn");
        String bootstrap = "127.0.0.1:" + base + ",127.0.0.1:" + (base + 10) + ",127.0.0.1:" + (base + 20);
        assertThat(Files.readString(data.resolve("logs/intake-2.log"))).contains(
                "argument --server.port=" + (base + INTAKE + 200),
                "argument --spring.kafka.bootstrap-servers=" + bootstrap,
                "argument --spring.kafka.client-id=backline-intake-2",
                "argument --backline.kafka.replicas=3", "argument --backline.kafka.min-insync-replicas=2",
                "argument --spring.kafka.listener.concurrency=2",
                "argument --server.forward-headers-strategy=native");
        assertThat(Files.readString(data.resolve("logs/triage-1.log"))).contains("argument --server.port=" + (base + TRIAGE + 100))
                .doesNotContain("forward-headers-strategy");

        Command.Result status = status();
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output())
                .containsPattern("kafka-1 +up +[0-9]+ +" + base + " ")
                .containsPattern("kafka-3 +up +[0-9]+ +" + (base + 20) + " ")
                .containsPattern("intake-1 +up +[0-9]+ +" + (base + INTAKE + 100) + " ")
                .containsPattern("intake-2 +up +[0-9]+ +" + (base + INTAKE + 200) + " ")
                .containsPattern("triage-2 +up +[0-9]+ +" + (base + TRIAGE + 200) + " ")
                .containsPattern("intake-front +up +[0-9]+ +" + (base + INTAKE) + " ")
                .contains("Kafka: 3 of 3 nodes in the cluster [1, 2, 3]", "0 under-replicated, 0 offline");

        assertThat(answersThroughTheFront(4)).containsExactlyInAnyOrder(
                "fake backline-intake.jar on " + (base + INTAKE + 100), "fake backline-intake.jar on " + (base + INTAKE + 200));

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Config broker = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.BROKER, "1")))
                    .all().get(30, TimeUnit.SECONDS).values().iterator().next();
            assertThat(broker.get("default.replication.factor").value()).isEqualTo("3");
            assertThat(broker.get("min.insync.replicas").value()).isEqualTo("2");
            admin.createTopics(List.of(new NewTopic("cluster-check", 1, (short) 3))).all().get(30, TimeUnit.SECONDS);
            // Metadata of a new topic reaches every broker a moment after it is created.
            int leader = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> leaderOf(admin, "cluster-check"), Objects::nonNull);
            long leaderPid = pidOf("kafka-" + leader);

            ProcessHandle.of(leaderPid).orElseThrow().destroyForcibly();

            assertThat(sendWithAllInSyncCopies(bootstrap)).as("a write that two copies must have").isNotNull();
            await().atMost(Duration.ofSeconds(120)).until(() -> output().contains("kafka-" + leader + " is up again"));
            assertThat(output()).contains("kafka-" + leader + " exited with code 137");
            assertThat(pidOf("kafka-" + leader)).isNotEqualTo(leaderPid);
            await().atMost(Duration.ofSeconds(120)).until(() -> status().exitCode() == StatusCommand.ALL_UP);
        }

        List<ProcessHandle> children = backline.descendants().toList();
        backline.destroy();
        assertThat(backline.waitFor(120, TimeUnit.SECONDS)).as(output()).isTrue();
        assertThat(output()).contains("Services stopped in", "Kafka stopped in", "Backline stopped.");
        assertThat(children).noneMatch(ProcessHandle::isAlive);
    }

    private Process startCluster() throws IOException {
        Path services = Files.createDirectories(directory.resolve("services"));
        FakeServiceJar.write(services.resolve("backline-intake.jar"));
        FakeServiceJar.write(services.resolve("backline-triage.jar"));
        data = directory.resolve("data");
        output = directory.resolve("launcher.out");
        base = FreePorts.baseWithFree(0, 1, POSTGRES, INTAKE, TRIAGE, 10, 11, 20, 21,
                INTAKE + 100, TRIAGE + 100, INTAKE + 200, TRIAGE + 200);
        environment.put("BACKLINE_SERVICES_DIR", services.toString());
        environment.put("BACKLINE_KAFKA_PORT", String.valueOf(base));
        environment.put("BACKLINE_KAFKA_CONTROLLER_PORT", String.valueOf(base + 1));
        environment.put("BACKLINE_POSTGRES_PORT", String.valueOf(base + POSTGRES));
        environment.put("BACKLINE_INTAKE_PORT", String.valueOf(base + INTAKE));
        environment.put("BACKLINE_TRIAGE_PORT", String.valueOf(base + TRIAGE));
        environment.put("BACKLINE_INTAKE_HEAP", "64m");
        environment.put("BACKLINE_TRIAGE_HEAP", "64m");
        environment.put("BACKLINE_STARTUP_TIMEOUT", "180");
        ProcessBuilder builder = new ProcessBuilder(launcherCommand("--cluster")).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        launcher = builder.start();
        return launcher;
    }

    private List<String> launcherCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(ServiceProcess.javaExecutable(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), BacklineLocal.class.getName(), "--data-dir", data.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private String output() throws IOException {
        return Files.exists(output) ? Files.readString(output) : "";
    }

    private Command.Result status() throws Exception {
        return Command.run(launcherCommand("status"), environment);
    }

    private long pidOf(String part) throws IOException {
        return new StatusFile(data).read().orElseThrow().parts().stream()
                .filter(candidate -> candidate.name().equals(part)).findFirst().orElseThrow().pid();
    }

    private Set<String> answersThroughTheFront(int requests) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Set<String> answers = new HashSet<>();
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + (base + INTAKE) + "/api/referrals")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            answers.add(answer.body());
        }
        return answers;
    }

    private static int leaderOf(Admin admin, String topic) throws Exception {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
        assertThat(description.partitions().get(0).replicas()).hasSize(3);
        return description.partitions().get(0).leader().id();
    }

    /** One record with acks=all and idempotence, as the services send; its offset once acknowledged. */
    private static Long sendWithAllInSyncCopies(String bootstrap) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000), new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>("cluster-check", "key", "written with a node down"))
                    .get(90, TimeUnit.SECONDS).offset();
        }
    }
}
