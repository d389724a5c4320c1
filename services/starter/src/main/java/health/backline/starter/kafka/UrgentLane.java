package health.backline.starter.kafka;

import health.backline.events.Priority;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.utils.Utils;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The urgent lane on Kafka: the first {@code backline.kafka.urgent-partitions} partitions of every topic
 * carry only ER and urgent-imaging referrals, the others the routine ones. The urgent partitions have
 * consumers of their own ({@link UrgentLaneAssignor}), so an urgent record never queues behind routine
 * records, however far the routine partitions lag. The first half of them (partition 0 of 2) is the stat
 * lane: ER referrals once triaged, so a burst of urgent imaging does not hold up an ER handoff. Within
 * its lane, a referral's records always go to the same partition (murmur2 of the key, as Kafka's own
 * partitioner).
 */
public class UrgentLane {

    private final KafkaTemplate<String, ?> kafka;
    private final int urgentPartitions;
    private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();

    public UrgentLane(KafkaTemplate<String, ?> kafka, int urgentPartitions) {
        this.kafka = kafka;
        this.urgentPartitions = urgentPartitions;
    }

    /** The record's partition, or null (Kafka's own choice) when the topic has too few partitions for lanes. */
    public Integer partition(String topic, String key, Priority priority) {
        int partitions = partitionCounts.computeIfAbsent(topic, name -> kafka.partitionsFor(name).size());
        if (partitions <= urgentPartitions || urgentPartitions == 0) {
            return null;
        }
        int hash = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8)));
        if (!priority.isUrgent()) {
            return urgentPartitions + hash % (partitions - urgentPartitions);
        }
        int statPartitions = urgentPartitions / 2;
        if (statPartitions == 0) {
            return hash % urgentPartitions; // a single urgent partition: stat and urgent share it
        }
        return priority == Priority.STAT
                ? hash % statPartitions
                : statPartitions + hash % (urgentPartitions - statPartitions);
    }

    public boolean isUrgent(int partition) {
        return partition < urgentPartitions;
    }
}
