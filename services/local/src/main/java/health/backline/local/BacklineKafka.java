package health.backline.local;

import java.time.Duration;
import java.util.List;

/**
 * The Kafka the launcher's services use: one broker in the launcher's JVM ({@link LocalKafka}), or the cluster
 * profile's three nodes, each a JVM of its own ({@link LocalKafkaCluster}).
 */
interface BacklineKafka extends AutoCloseable {

    String bootstrapServers();

    String clusterId();

    /** Whether this start formatted the storage (true only the first time). */
    boolean formattedStorage();

    Duration startupTime();

    /** From now on, a node that dies is started again; a broker in the launcher's JVM lives and dies with it. */
    default void supervise() {
    }

    /** Its rows in the status file. */
    List<StatusFile.Part> statusParts(long startedAtMillis);

    /** Stops it, and returns once it has stopped. */
    @Override
    void close();
}
