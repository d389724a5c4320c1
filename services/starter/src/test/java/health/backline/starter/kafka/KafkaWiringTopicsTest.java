package health.backline.starter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** A topic as every service creates it: partitions and copies as configured, min.insync.replicas only when set. */
class KafkaWiringTopicsTest {

    @Test
    void a_topic_gets_the_configured_copies_and_min_insync_replicas() {
        NewTopic topic = KafkaWiring.newTopic("referrals.submitted", properties((short) 3, 2));

        assertThat(topic.numPartitions()).isEqualTo(12);
        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        assertThat(topic.configs()).isEqualTo(Map.of("min.insync.replicas", "2"));
    }

    @Test
    void without_min_insync_replicas_a_topic_is_left_to_the_broker_default() {
        NewTopic topic = KafkaWiring.newTopic("referrals.submitted", properties((short) 1, null));

        assertThat(topic.replicationFactor()).isEqualTo((short) 1);
        assertThat(topic.configs()).isNullOrEmpty();
    }

    private static BacklineKafkaProperties properties(short replicas, Integer minInsyncReplicas) {
        return new BacklineKafkaProperties(12, 2, Duration.ofMillis(100), replicas, minInsyncReplicas,
                DataSize.ofKilobytes(256), new BacklineKafkaProperties.Retry(Duration.ofMillis(500), 2,
                Duration.ofSeconds(10), 8));
    }
}
