package health.backline.local;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A single-node Kafka broker in KRaft mode (one process is both broker and controller), in this JVM, with
 * its log directory on disk so topics, records and consumer offsets survive restarts.
 *
 * <p>The storage is formatted once, the first time, exactly as {@code kafka-storage.sh format} would do it
 * (Kafka's own {@link Formatter}); that writes {@code meta.properties} with the cluster id and node id. Later
 * starts find {@code meta.properties} and leave the storage alone, so the cluster id stays the same.
 */
public final class LocalKafka implements BacklineKafka {

    /** The controller listens here always: no one but this broker talks to it. */
    static final String CONTROLLER_HOST = BindAddress.LOOPBACK;
    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final String META_PROPERTIES = "meta.properties";

    private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);

    /** Set while this launcher stops Kafka on purpose; Kafka's own exit calls are then ignored. */
    private static volatile boolean stopping;

    private final KafkaRaftServer server;
    private final Path logDirectory;
    private final String host;
    private final int port;
    private final String clusterId;
    private final boolean formatted;
    private final Duration startupTime;
    private boolean closed;

    private LocalKafka(KafkaRaftServer server, Path logDirectory, String host, int port, String clusterId,
                       boolean formatted, Duration startupTime) {
        this.server = server;
        this.logDirectory = logDirectory;
        this.host = host;
        this.port = port;
        this.clusterId = clusterId;
        this.formatted = formatted;
        this.startupTime = startupTime;
    }

    /**
     * Starts the broker on {@code PLAINTEXT://bindAddress:port} with its controller on loopback's {@code controllerPort},
     * formatting {@code logDirectory} first if it has never been formatted. Returns once the broker serves
     * clients. On failure the partly started server is shut down before the exception is thrown; Kafka's
     * threads are not daemons, so a launcher should still end with {@code System.exit}.
     */
    public static LocalKafka start(Path logDirectory, String bindAddress, int port, int controllerPort)
            throws Exception {
        long started = System.nanoTime();
        Path directory = logDirectory.toAbsolutePath().normalize();
        Files.createDirectories(directory);
        KafkaConfig config = new KafkaConfig(serverProperties(directory, bindAddress, port, controllerPort), false);

        boolean formattedNow = false;
        if (!isFormatted(directory)) {
            format(config, directory, Uuid.randomUuid().toString());
            formattedNow = true;
        }
        String clusterId = readClusterId(directory);

        guardKafkaExits();
        stopping = false;
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup();
        } catch (Exception | Error failure) {
            stopQuietly(server);
            throw failure;
        }
        return new LocalKafka(server, directory, BindAddress.reachableHost(bindAddress), port, clusterId, formattedNow,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** The configuration of a one-node cluster: replication factor 1 everywhere, topics created on first use. */
    static Map<String, Object> serverProperties(Path logDirectory, String bindAddress, int port, int controllerPort) {
        String advertised = BindAddress.reachableHost(bindAddress);
        Map<String, Object> properties = new HashMap<>();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", String.valueOf(NODE_ID));
        properties.put("controller.quorum.voters", NODE_ID + "@" + CONTROLLER_HOST + ":" + controllerPort);
        properties.put("controller.listener.names", CONTROLLER_LISTENER);
        properties.put("listeners", "PLAINTEXT://" + bindAddress + ":" + port + "," + CONTROLLER_LISTENER + "://"
                + CONTROLLER_HOST + ":" + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://" + advertised + ":" + port);
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("log.dirs", logDirectory.toString());

        properties.put("num.partitions", "3");
        properties.put("default.replication.factor", "1");
        properties.put("min.insync.replicas", "1");
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("offsets.topic.num.partitions", "10");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("transaction.state.log.num.partitions", "10");
        properties.put("auto.create.topics.enable", "true");
        // The log cleaner (for compacted topics such as the consumer offsets) takes its whole dedupe buffer at start:
        // 128 MiB by default, far more than one machine's offsets need.
        properties.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        // One member per group on one machine: no point waiting for more before the first assignment.
        properties.put("group.initial.rebalance.delay.ms", "0");
        return properties;
    }

    /** Whether {@code kafka-storage format} has been run on this directory. */
    public static boolean isFormatted(Path logDirectory) {
        return Files.isRegularFile(logDirectory.resolve(META_PROPERTIES));
    }

    /** The cluster id written into the storage when it was formatted. */
    public static String readClusterId(Path logDirectory) throws IOException {
        Properties meta = new Properties();
        try (InputStream in = Files.newInputStream(logDirectory.resolve(META_PROPERTIES))) {
            meta.load(in);
        }
        String clusterId = meta.getProperty("cluster.id");
        if (clusterId == null || clusterId.isBlank()) {
            throw new IOException(logDirectory.resolve(META_PROPERTIES) + " has no cluster.id");
        }
        return clusterId;
    }

    /** What {@code kafka-storage.sh format --cluster-id <id> --config <config>} does, for this configuration. */
    static void format(KafkaConfig config, Path logDirectory, String clusterId) throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(config.nodeId())
                .setClusterId(clusterId)
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setMetadataLogDirectory(config.metadataLogDir())
                .addDirectory(logDirectory.toString())
                .setIgnoreFormatted(false)
                .run();
        log.debug("Formatted Kafka storage {} for cluster {}", logDirectory, clusterId);
    }

    /**
     * Kafka calls {@code Exit.exit} on fatal errors. While it runs, that ends the launcher (whose shutdown hook
     * then stops the rest); while the launcher stops it, an exit call would deadlock the shutdown hook, so it is
     * only logged.
     */
    private static void guardKafkaExits() {
        Exit.setExitProcedure((code, message) -> {
            if (stopping) {
                log.warn("Kafka asked to exit ({}) while stopping: {}", code, message);
            } else {
                log.error("Kafka stopped on a fatal error ({}): {}", code, message);
                System.exit(code == 0 ? 1 : code);
            }
        });
        Exit.setHaltProcedure((code, message) -> {
            if (stopping) {
                log.warn("Kafka asked to halt ({}) while stopping: {}", code, message);
            } else {
                log.error("Kafka halted on a fatal error ({}): {}", code, message);
                Runtime.getRuntime().halt(code == 0 ? 1 : code);
            }
        });
    }

    @Override
    public String bootstrapServers() {
        return host + ":" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public String clusterId() {
        return clusterId;
    }

    public Path logDirectory() {
        return logDirectory;
    }

    /** Whether this start formatted the storage (true only the first time). */
    @Override
    public boolean formattedStorage() {
        return formatted;
    }

    /** From the call to {@link #start} to a broker serving clients (includes formatting on first use). */
    @Override
    public Duration startupTime() {
        return startupTime;
    }

    /** One row: the broker runs in this JVM and logs to the launcher's console. */
    @Override
    public List<StatusFile.Part> statusParts(long startedAtMillis) {
        return List.of(new StatusFile.Part(LocalBackline.KAFKA, StatusFile.State.UP, ProcessHandle.current().pid(),
                "java", port, startedAtMillis, 0, ""));
    }

    /** Stops the broker and controller and waits until their threads are gone. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopQuietly(server);
    }

    private static void stopQuietly(KafkaRaftServer server) {
        stopping = true;
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("Kafka did not stop cleanly: {}", e.toString());
        }
    }
}
