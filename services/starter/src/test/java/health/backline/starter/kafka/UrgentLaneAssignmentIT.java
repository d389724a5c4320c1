package health.backline.starter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import health.backline.events.Pathway;
import health.backline.events.ReferralStatus;
import health.backline.events.Topics;
import health.backline.events.payload.ReferralStatusChanged;
import health.backline.starter.outbox.EventOutbox;
import health.backline.testsupport.WithRealInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A listener's consumers, as every service's listeners get them (assignor, record interceptor, concurrency), on the
 * real broker: the urgent lane has consumers of its own, so an urgent record does not wait behind a routine backlog.
 */
@SpringBootTest(classes = UrgentLaneAssignmentIT.StarterOnly.class)
@WithRealInfrastructure
class UrgentLaneAssignmentIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class StarterOnly {
    }

    private static final int ROUTINE_BACKLOG = 240;

    @Autowired
    ConcurrentKafkaListenerContainerFactory<Object, Object> listeners;

    @Autowired
    EventOutbox outbox;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void each_urgent_partition_gets_a_consumer_of_the_four_and_the_routine_ones_go_to_the_other_two() {
        ConcurrentMessageListenerContainer<Object, Object> container = listeners.createContainer(Topics.REFERRALS_TRIAGED);
        container.getContainerProperties().setGroupId("urgent-lane-" + UUID.randomUUID());
        container.getContainerProperties().setMessageListener((MessageListener<Object, Object>) record -> { });
        container.start();
        try {
            awaitTheLaneAssignment(container);
        } finally {
            container.stop();
        }
    }

    @Test
    void an_urgent_record_is_handled_while_most_of_a_routine_backlog_still_waits() {
        AtomicInteger routineHandled = new AtomicInteger();
        AtomicReference<Integer> routineHandledBeforeUrgent = new AtomicReference<>();
        String urgentReferral = UUID.randomUUID().toString();
        Set<String> routineReferrals = Stream.generate(() -> UUID.randomUUID().toString()).limit(ROUTINE_BACKLOG)
                .collect(Collectors.toSet());
        ConcurrentMessageListenerContainer<Object, Object> container = listeners.createContainer(Topics.REFERRALS_STATUS);
        container.getContainerProperties().setGroupId("urgent-lane-" + UUID.randomUUID());
        // A new group reads the topic from its start: what earlier tests left there passes at once, unheeded.
        container.getContainerProperties().setMessageListener((MessageListener<Object, Object>) record -> {
            if (urgentReferral.equals(record.key())) {
                routineHandledBeforeUrgent.set(routineHandled.get());
            } else if (routineReferrals.contains(record.key())) {
                pause(Duration.ofMillis(20)); // routine work that takes its time
                routineHandled.incrementAndGet();
            }
        });
        container.start();
        try {
            // Not before: a consumer that joins later revokes every partition, and the group waits for busy members.
            awaitTheLaneAssignment(container);
            transaction.executeWithoutResult(tx -> {
                routineReferrals.forEach(referral -> outbox.publish(status(referral, Pathway.PHYSICAL_THERAPY)));
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> routineHandled.get() >= 10);
            transaction.executeWithoutResult(tx -> outbox.publish(status(urgentReferral, Pathway.ER_REFERRAL)));

            await().atMost(Duration.ofSeconds(60)).until(() -> routineHandledBeforeUrgent.get() != null);
            // With Kafka's round-robin assignor (the urgent partitions shared their consumers) it came after 150.
            assertThat(routineHandledBeforeUrgent.get()).isLessThan(ROUTINE_BACKLOG / 2);
            await().atMost(Duration.ofSeconds(60)).until(() -> routineHandled.get() == ROUTINE_BACKLOG);
        } finally {
            container.stop();
        }
    }

    private static ReferralStatusChanged status(String referral, Pathway pathway) {
        return new ReferralStatusChanged(referral, ReferralStatus.TRIAGED, pathway, "lane test", Instant.now());
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The four consumers join one by one, each join a rebalance; once all four are in, the assignment holds. */
    private static void awaitTheLaneAssignment(ConcurrentMessageListenerContainer<Object, Object> container) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<List<Integer>> consumers = consumersOf(container);

            assertThat(consumers).hasSize(4).contains(List.of(0), List.of(1));
            assertThat(consumers).filteredOn(partitions -> !partitions.equals(List.of(0)) && !partitions.equals(List.of(1)))
                    .hasSize(2)
                    .allSatisfy(partitions -> assertThat(partitions).isNotEmpty().allMatch(partition -> partition >= 2));
            assertThat(consumers.stream().mapToInt(List::size).sum()).isEqualTo(12);
        });
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
