package health.backline.bench.kafka;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records each topic holds, as the sum of its partitions' end offsets: read before and after a run, the
 * difference is what the run wrote (the producers are idempotent, not transactional, so every offset is a record).
 */
public final class TopicOffsets implements AutoCloseable {

    /** The contract's topics a referral passes through (docs/contract/events.md). */
    public static final List<String> TOPICS = List.of("referrals.submitted", "referrals.triaged", "referrals.status",
            "appointments.requested", "appointments.outcome");

    private final Admin admin;

    public TopicOffsets(String bootstrapServers) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "backline-bench");
        this.admin = Admin.create(config);
    }

    /** Records per topic now; empty when Kafka does not answer (the report then says so instead of guessing). */
    public Optional<Map<String, Long>> endOffsets() {
        try {
            Map<String, TopicDescription> topics = admin.describeTopics(TOPICS).allTopicNames().get(20, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = topics.values().stream()
                    .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                    .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResultInfo> offsets = admin.listOffsets(latest).all().get(20, TimeUnit.SECONDS);
            Map<String, Long> records = new LinkedHashMap<>();
            TOPICS.forEach(topic -> records.put(topic, 0L));
            offsets.forEach((partition, info) -> records.merge(partition.topic(), info.offset(), Long::sum));
            return Optional.of(records);
        } catch (ExecutionException | TimeoutException unreachable) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
