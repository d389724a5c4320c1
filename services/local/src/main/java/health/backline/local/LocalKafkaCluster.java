package health.backline.local;

import kafka.server.KafkaConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The cluster profile's Kafka: three KRaft nodes, each broker and controller, so the controller quorum has three
 * voters and any one node can be lost. Each node runs in a JVM of its own ({@link KafkaNodeProcess}), so it can be
 * killed on its own, and is kept up like a service ({@link SupervisedService}): one that dies is started again on
 * its log. Every node's storage is formatted once, with one cluster id, as {@link LocalKafka}'s is.
 */
final class LocalKafkaCluster implements BacklineKafka {

    private final List<SupervisedService> nodes;
    private final String bootstrapServers;
    private final String clusterId;
    private final boolean formatted;
    private final Duration startupTime;

    private LocalKafkaCluster(List<SupervisedService> nodes, String bootstrapServers, String clusterId, boolean formatted,
                              Duration startupTime) {
        this.nodes = nodes;
        this.bootstrapServers = bootstrapServers;
        this.clusterId = clusterId;
        this.formatted = formatted;
        this.startupTime = startupTime;
    }

    /**
     * Formats what has never been formatted, starts every node, and returns once each is in the cluster. Each node's
     * log directory and properties are in {@code directory}, its output in {@code logs/kafka-<id>.log}. On failure the
     * nodes that started are stopped again.
     *
     * @param supervision wraps a started node in the launcher's supervision (which restarts it once
     *                    {@link #supervise()} is called)
     */
    static LocalKafkaCluster start(Path directory, String bindAddress, List<KafkaNodeAddress> addresses, Path logs,
                                   Duration timeout, Function<SupervisedProcess, SupervisedService> supervision)
            throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(directory);
        Map<KafkaNodeAddress, KafkaConfig> configs = new LinkedHashMap<>();
        for (KafkaNodeAddress node : addresses) {
            configs.put(node, new KafkaConfig(nodeProperties(logDirectory(directory, node), bindAddress, node, addresses),
                    false));
        }
        String clusterId = existingClusterId(directory, addresses).orElse(Uuid.randomUuid().toString());
        boolean formattedNow = false;
        for (KafkaNodeAddress node : addresses) {
            Path log = logDirectory(directory, node);
            if (!LocalKafka.isFormatted(log)) {
                LocalKafka.format(configs.get(node), log, clusterId);
                formattedNow = true;
            }
        }

        String host = BindAddress.reachableHost(bindAddress);
        List<SupervisedService> nodes = new ArrayList<>();
        try {
            for (KafkaNodeAddress node : addresses) {
                Path properties = writeProperties(directory, node, configs.get(node));
                nodes.add(supervision.apply(KafkaNodeProcess.start(node, host, properties,
                        logs.resolve(node.name() + ".log"))));
            }
            // Each waits for a quorum, so all are started before any is awaited.
            for (SupervisedService node : nodes) {
                node.process().awaitHealthy(timeout);
            }
        } catch (Exception | Error failure) {
            nodes.forEach(SupervisedService::stop);
            throw failure;
        }
        String bootstrap = addresses.stream().map(node -> host + ":" + node.port()).collect(Collectors.joining(","));
        return new LocalKafkaCluster(List.copyOf(nodes), bootstrap, clusterId, formattedNow,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * A node's configuration: the single broker's ({@link LocalKafka#serverProperties}) with this node's id, every
     * node a voter of the controller quorum, and three copies of every partition, two of which must have a write
     * before it counts, for the topics the brokers create themselves too (consumer offsets, transactions).
     */
    static Map<String, Object> nodeProperties(Path logDirectory, String bindAddress, KafkaNodeAddress node,
                                              List<KafkaNodeAddress> all) {
        Map<String, Object> properties = LocalKafka.serverProperties(logDirectory, bindAddress, node.port(),
                node.controllerPort());
        String replicas = String.valueOf(ClusterProfile.REPLICATION_FACTOR);
        String minInsync = String.valueOf(ClusterProfile.MIN_INSYNC_REPLICAS);
        properties.put("node.id", String.valueOf(node.id()));
        properties.put("controller.quorum.voters", all.stream()
                .map(voter -> voter.id() + "@" + LocalKafka.CONTROLLER_HOST + ":" + voter.controllerPort())
                .collect(Collectors.joining(",")));
        properties.put("default.replication.factor", replicas);
        properties.put("min.insync.replicas", minInsync);
        properties.put("offsets.topic.replication.factor", replicas);
        properties.put("transaction.state.log.replication.factor", replicas);
        properties.put("transaction.state.log.min.isr", minInsync);
        return properties;
    }

    static Path logDirectory(Path directory, KafkaNodeAddress node) {
        return directory.resolve("node-" + node.id());
    }

    /** The cluster id of the nodes formatted already; refuses nodes of different clusters. */
    private static Optional<String> existingClusterId(Path directory, List<KafkaNodeAddress> addresses)
            throws IOException {
        Set<String> ids = new LinkedHashSet<>();
        for (KafkaNodeAddress node : addresses) {
            Path log = logDirectory(directory, node);
            if (LocalKafka.isFormatted(log)) {
                ids.add(LocalKafka.readClusterId(log));
            }
        }
        if (ids.size() > 1) {
            throw new IOException("The Kafka nodes in " + directory + " belong to different clusters (" + ids
                    + "). Start with --fresh to wipe the data directory.");
        }
        return ids.stream().findFirst();
    }

    /** {@code kafka-<id>.properties} beside the nodes' log directories: what {@code kafka.Kafka} reads. */
    private static Path writeProperties(Path directory, KafkaNodeAddress node, KafkaConfig config) throws IOException {
        Properties properties = new Properties();
        config.originals().forEach((key, value) -> properties.setProperty(key, String.valueOf(value)));
        Path file = directory.resolve(node.name() + ".properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, "Written by the Backline launcher (--cluster) at every start");
        }
        return file;
    }

    @Override
    public void supervise() {
        nodes.forEach(SupervisedService::supervise);
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public String clusterId() {
        return clusterId;
    }

    @Override
    public boolean formattedStorage() {
        return formatted;
    }

    @Override
    public Duration startupTime() {
        return startupTime;
    }

    @Override
    public List<StatusFile.Part> statusParts(long startedAtMillis) {
        return nodes.stream().map(SupervisedService::part).toList();
    }

    /** Stops the nodes side by side: one at a time, the last would wait for a quorum that has gone. */
    @Override
    public void close() {
        SupervisedService.stopAll(nodes);
    }
}
