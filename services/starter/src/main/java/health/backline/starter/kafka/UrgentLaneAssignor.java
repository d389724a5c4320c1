package health.backline.starter.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.TopicPartition;

/**
 * Gives the urgent lane's partitions ({@link UrgentLane}) consumers of their own. Kafka's own assignors spread a
 * topic's partitions evenly: with 4 consumers and 12 partitions each urgent partition shared its consumer with two
 * routine ones, and under a backlog an ER record waited behind whole polls of routine records (bench, 40/s offered:
 * ER referrals 24 s from triage to booking, as long as routine ones). Here, per topic, the first members of the
 * group by member id take the urgent partitions and nothing else, the others the routine partitions: a consumer per
 * urgent partition (one urgent consumer could not keep up with the urgent third of a 40/s burst), as long as one is
 * left for routine work. A member alone in its group takes everything.
 *
 * <p>Eager protocol (Kafka's default for an assignor): a rebalance revokes every partition first, as the range
 * assignor does, so a partition never has two owners.
 */
public class UrgentLaneAssignor implements ConsumerPartitionAssignor, Configurable {

    /** The strategy's name in the group protocol. */
    public static final String NAME = "backline-urgent-lane";
    /** Consumer property: how many of a topic's first partitions are the urgent lane. */
    public static final String URGENT_PARTITIONS_CONFIG = "backline.urgent.partitions";

    private int urgentPartitions;

    @Override
    public void configure(Map<String, ?> configs) {
        Object value = configs.get(URGENT_PARTITIONS_CONFIG);
        urgentPartitions = value == null ? 0 : Integer.parseInt(value.toString());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
        Map<String, Subscription> members = groupSubscription.groupSubscription();
        Map<String, List<TopicPartition>> assigned = new HashMap<>();
        TreeSet<String> topics = new TreeSet<>();
        members.forEach((member, subscription) -> {
            assigned.put(member, new ArrayList<>());
            topics.addAll(subscription.topics());
        });
        for (String topic : topics) {
            Integer partitions = metadata.partitionCountForTopic(topic);
            if (partitions != null) {
                List<String> consumers = members.entrySet().stream()
                        .filter(member -> member.getValue().topics().contains(topic))
                        .map(Map.Entry::getKey).sorted().toList();
                assignTopic(topic, partitions, consumers, assigned);
            }
        }
        Map<String, Assignment> assignments = new HashMap<>();
        assigned.forEach((member, partitions) -> assignments.put(member, new Assignment(partitions)));
        return new GroupAssignment(assignments);
    }

    private void assignTopic(String topic, int partitions, List<String> consumers,
                             Map<String, List<TopicPartition>> assigned) {
        int urgent = Math.min(urgentPartitions, partitions);
        if (urgent == 0 || urgent == partitions || consumers.size() < 2) {
            roundRobin(topic, 0, partitions, consumers, assigned);
            return;
        }
        int urgentConsumers = Math.min(urgent, consumers.size() - 1);
        roundRobin(topic, 0, urgent, consumers.subList(0, urgentConsumers), assigned);
        roundRobin(topic, urgent, partitions, consumers.subList(urgentConsumers, consumers.size()), assigned);
    }

    private static void roundRobin(String topic, int from, int to, List<String> consumers,
                                   Map<String, List<TopicPartition>> assigned) {
        for (int partition = from; partition < to; partition++) {
            assigned.get(consumers.get((partition - from) % consumers.size())).add(new TopicPartition(topic, partition));
        }
    }
}
