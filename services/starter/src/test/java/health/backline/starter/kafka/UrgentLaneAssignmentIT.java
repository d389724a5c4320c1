package health.backline.starter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import health.backline.events.Topics;
import health.backline.testsupport.WithRealInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

/** A listener's consumers, as every service's listeners get them, on the real broker: the urgent lane has its own. */
@SpringBootTest(classes = UrgentLaneAssignmentIT.StarterOnly.class)
@WithRealInfrastructure
class UrgentLaneAssignmentIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class StarterOnly {
    }

    @Autowired
    ConcurrentKafkaListenerContainerFactory<Object, Object> listeners;

    @Test
    void each_urgent_partition_gets_a_consumer_of_the_four_and_the_routine_ones_go_to_the_other_two() {
        ConcurrentMessageListenerContainer<Object, Object> container = listeners.createContainer(Topics.REFERRALS_TRIAGED);
        container.getContainerProperties().setGroupId("urgent-lane-" + UUID.randomUUID());
        container.getContainerProperties().setMessageListener((MessageListener<Object, Object>) record -> { });
        container.start();
        try {
            // The four consumers join one by one; each join is a rebalance. Once all four are in, it holds.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                List<List<Integer>> consumers = consumersOf(container);

                assertThat(consumers).hasSize(4).contains(List.of(0), List.of(1));
                assertThat(consumers).filteredOn(partitions -> !partitions.equals(List.of(0)) && !partitions.equals(List.of(1)))
                        .hasSize(2)
                        .allSatisfy(partitions -> assertThat(partitions).isNotEmpty().allMatch(partition -> partition >= 2));
                assertThat(consumers.stream().mapToInt(List::size).sum()).isEqualTo(12);
            });
        } finally {
            container.stop();
        }
    }

    /** Each consumer's partitions, sorted. */
    private static List<List<Integer>> consumersOf(ConcurrentMessageListenerContainer<Object, Object> container) {
        return container.getContainers().stream()
                .map(consumer -> consumer.getAssignedPartitions())
                .filter(Objects::nonNull)
                .map(partitions -> partitions.stream().map(TopicPartition::partition).sorted().toList())
                .toList();
    }
}
