package health.backline.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits for a service's listener to have handled a record a test sent: the listener's consumer group (its id) has
 * committed an offset past the record, which a Backline listener does only after the record's transaction committed.
 * A test then asserts at once what must not have happened (a second booking, a second event) instead of watching
 * for it during a fixed window.
 */
public final class ConsumerProgress {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private ConsumerProgress() {
    }

    public static void awaitHandled(Infrastructure infrastructure, String group, RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                infrastructure.kafkaBootstrapServers()))) {
            Instant deadline = Instant.now().plus(WAIT);
            while (committed(admin, group, partition) <= record.offset()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError(group + " did not handle " + partition + "@" + record.offset() + " within " + WAIT);
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for " + group, e);
        }
    }

    /** The group's committed offset on the partition: the next record it will read; -1 before any commit. */
    private static long committed(Admin admin, String group, TopicPartition partition) {
        try {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).get(partition);
            return offset == null ? -1 : offset.offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while asking for the offsets of " + group, e);
        } catch (Exception e) {
            throw new AssertionError("Could not read the offsets of " + group, e);
        }
    }
}
