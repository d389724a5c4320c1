package health.backline.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One node of the cluster profile's Kafka, broker and controller, in a JVM of its own: Apache Kafka's own main,
 * {@code kafka.Kafka <node.properties>}, from the launcher's classes ({@link LauncherClasspath}). Its storage is
 * formatted beforehand ({@link LocalKafkaCluster}).
 */
final class KafkaNodeProcess implements SupervisedProcess {

    static final String KAFKA_MAIN = "kafka.Kafka";
    /** Each node's heap: as much as the single broker's whole launcher JVM has (TunedJvm). */
    static final String HEAP = "256m";
    /** A broker's controlled shut-down hands its partitions' leadership over first: longer than a service's stop. */
    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final int REQUEST_TIMEOUT_MS = 2_000;

    private final KafkaNodeAddress address;
    private final String host;
    private final Path properties;
    private final ChildJvm jvm;

    private KafkaNodeProcess(KafkaNodeAddress address, String host, Path properties, ChildJvm jvm) {
        this.address = address;
        this.host = host;
        this.properties = properties;
        this.jvm = jvm;
    }

    /** Starts the node of {@code properties}; {@code host} is where its broker is reached from this machine. */
    static KafkaNodeProcess start(KafkaNodeAddress address, String host, Path properties, Path logFile) throws IOException {
        List<String> jvmOptions = new ArrayList<>();
        jvmOptions.add("-D" + nodeProperty(address));
        jvmOptions.addAll(JvmOptions.of(HEAP));
        List<String> command = LauncherClasspath.command(jvmOptions, KAFKA_MAIN, List.of(properties.toString()));
        return new KafkaNodeProcess(address, host, properties, ChildJvm.start(command, Map.of(), logFile));
    }

    @Override
    public KafkaNodeProcess restart(String reason) throws IOException {
        return new KafkaNodeProcess(address, host, properties, jvm.restart(reason));
    }

    @Override
    public String name() {
        return address.name();
    }

    @Override
    public long pid() {
        return jvm.process().pid();
    }

    @Override
    public int port() {
        return address.port();
    }

    /**
     * The system property that names the node, first on its command line: where {@code ps} shows it, and where the
     * system keeps it when it cuts a long command line (a test's class path) short.
     */
    @Override
    public String commandHint() {
        return nodeProperty(address);
    }

    private static String nodeProperty(KafkaNodeAddress address) {
        return "backline.kafka.node=" + address.id();
    }

    @Override
    public Path logFile() {
        return jvm.logFile();
    }

    @Override
    public Process process() {
        return jvm.process();
    }

    @Override
    public boolean isAlive() {
        return jvm.process().isAlive();
    }

    /**
     * Waits until the node's broker answers and counts itself among the cluster's live brokers: registered with the
     * controller quorum, caught up with the metadata and unfenced, so it can lead partitions and take writes.
     */
    @Override
    public Duration awaitHealthy(Duration timeout) throws ServiceFailedException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, host + ":" + address.port(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS))) {
            while (true) {
                if (!isAlive()) {
                    throw failure("exited with code " + process().exitValue() + " before it was in the cluster");
                }
                if (inTheCluster(admin)) {
                    return jvm.age();
                }
                if (System.nanoTime() > deadline) {
                    throw failure("was not in the cluster within " + timeout.toSeconds() + " s");
                }
                process().waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private boolean inTheCluster(Admin admin) throws InterruptedException {
        try {
            return admin.describeCluster(new DescribeClusterOptions().timeoutMs(REQUEST_TIMEOUT_MS)).nodes()
                    .get(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS).stream().map(Node::id).anyMatch(id -> id == address.id());
        } catch (ExecutionException | TimeoutException notYet) {
            return false;
        }
    }

    private ServiceFailedException failure(String what) {
        return new ServiceFailedException(name(), name() + " " + what + " (log: " + logFile() + ")", jvm.logTail(30));
    }

    @Override
    public void stop() {
        jvm.stop(STOP_GRACE);
    }

    @Override
    public String toString() {
        return name() + " (pid " + pid() + ", port " + port() + ")";
    }
}
