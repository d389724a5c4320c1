package health.backline.starter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class UrgentLaneAssignorTest {

    private static final String TOPIC = "referrals.triaged";
    private static final Node BROKER = new Node(0, "localhost", 9092);

    @Test
    void four_consumers_of_twelve_partitions_two_take_an_urgent_partition_each_and_nothing_else() {
        Map<String, List<Integer>> assignment = assign(2, 12, "c1", "c2", "c3", "c4");

        assertThat(assignment.get("c1")).containsExactly(0);
        assertThat(assignment.get("c2")).containsExactly(1);
        assertThat(assignment.get("c3")).containsExactly(2, 4, 6, 8, 10);
        assertThat(assignment.get("c4")).containsExactly(3, 5, 7, 9, 11);
    }

    @Test
    void with_two_instances_of_a_service_still_two_urgent_consumers_and_six_routine_ones() {
        Map<String, List<Integer>> assignment = assign(2, 12, "a1", "a2", "a3", "a4", "b1", "b2", "b3", "b4");

        assertThat(assignment.get("a1")).containsExactly(0);
        assertThat(assignment.get("a2")).containsExactly(1);
        assertThat(assignment.values()).filteredOn(partitions -> partitions.contains(0) || partitions.contains(1))
                .hasSize(2);
        assertThat(assignment.values().stream().mapToInt(List::size).sum()).isEqualTo(12);
    }

    @Test
    void one_consumer_is_always_left_for_routine_work() {
        assertThat(assign(2, 12, "c1", "c2").get("c1")).containsExactly(0, 1);
        assertThat(assign(2, 12, "c1", "c2").get("c2")).hasSize(10);
        assertThat(assign(6, 8, "c1", "c2", "c3").get("c1")).containsExactly(0, 2, 4);
        assertThat(assign(6, 8, "c1", "c2", "c3").get("c3")).containsExactly(6, 7);
    }

    @Test
    void a_consumer_alone_takes_every_partition_and_without_lanes_the_partitions_go_round() {
        assertThat(assign(2, 12, "only").get("only")).hasSize(12);
        assertThat(assign(0, 4, "c1", "c2").get("c1")).containsExactly(0, 2);
        assertThat(assign(4, 4, "c1", "c2").get("c2")).containsExactly(1, 3);
    }

    @Test
    void only_members_that_subscribe_to_a_topic_get_its_partitions() {
        UrgentLaneAssignor assignor = assignor(2);
        Map<String, Subscription> members = Map.of(
                "c1", new Subscription(List.of(TOPIC)), "c2", new Subscription(List.of(TOPIC)),
                "other", new Subscription(List.of("appointments.outcome")));

        var assignment = assignor.assign(cluster(12), new GroupSubscription(members)).groupAssignment();

        assertThat(assignment.get("other").partitions()).isEmpty();
        assertThat(assignment.get("c1").partitions()).extracting(TopicPartition::partition).containsExactly(0, 1);
        assertThat(assignment.get("c2").partitions()).hasSize(10);
    }

    private static Map<String, List<Integer>> assign(int urgentPartitions, int partitions, String... consumers) {
        Map<String, Subscription> members = new HashMap<>();
        for (String consumer : consumers) {
            members.put(consumer, new Subscription(List.of(TOPIC)));
        }
        Map<String, List<Integer>> result = new HashMap<>();
        assignor(urgentPartitions).assign(cluster(partitions), new GroupSubscription(members)).groupAssignment()
                .forEach((member, assignment) -> result.put(member,
                        assignment.partitions().stream().map(TopicPartition::partition).sorted().toList()));
        return result;
    }

    private static UrgentLaneAssignor assignor(int urgentPartitions) {
        UrgentLaneAssignor assignor = new UrgentLaneAssignor();
        assignor.configure(Map.of(UrgentLaneAssignor.URGENT_PARTITIONS_CONFIG, urgentPartitions));
        return assignor;
    }

    private static Cluster cluster(int partitions) {
        List<PartitionInfo> infos = IntStream.range(0, partitions)
                .mapToObj(p -> new PartitionInfo(TOPIC, p, BROKER, new Node[] {BROKER}, new Node[] {BROKER})).toList();
        return new Cluster("test", List.of(BROKER), infos, Set.of(), Set.of());
    }
}
