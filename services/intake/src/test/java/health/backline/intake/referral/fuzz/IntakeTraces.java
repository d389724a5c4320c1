package health.backline.intake.referral.fuzz;

import health.backline.events.Topics;
import health.backline.testsupport.Infrastructure;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a submission leaves behind: rows in the referral table, rows ever written to the outbox (its sequence,
 * since the relay deletes rows once sent) and records on {@code referrals.submitted} (the end offsets, read by a
 * real consumer). A refused request must leave all three as they were.
 */
final class IntakeTraces implements AutoCloseable {

    record Snapshot(long referrals, long outboxWrites, long published) {
    }

    private final JdbcClient jdbc;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> submitted;

    IntakeTraces(JdbcClient jdbc, Infrastructure infrastructure) {
        this.jdbc = jdbc;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "fuzz-" + UUID.randomUUID()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.submitted = consumer.partitionsFor(Topics.REFERRALS_SUBMITTED).stream()
                .map(partition -> new TopicPartition(partition.topic(), partition.partition())).toList();
        if (submitted.isEmpty()) {
            throw new IllegalStateException(Topics.REFERRALS_SUBMITTED + " has no partitions");
        }
    }

    Snapshot now() {
        return jdbc.sql("SELECT (SELECT count(*) FROM referral), (SELECT last_value FROM outbox_event_position_seq)")
                .query((row, number) -> new Snapshot(row.getLong(1), row.getLong(2), published())).single();
    }

    /** Events written but not yet acknowledged by Kafka. */
    long unsent() {
        return jdbc.sql("SELECT count(*) FROM outbox_event").query(Long.class).single();
    }

    long published() {
        return consumer.endOffsets(submitted).values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
