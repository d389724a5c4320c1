package health.backline.starter.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How Backline uses Kafka beyond Spring's own settings: topic sizes and copies ({@code replicas}, and
 * {@code minInsyncReplicas}, the copies a write with {@code acks=all} needs; unset, the broker's default), how many partitions of each topic
 * are the urgent lane ({@link UrgentLane}), how long a routine record waits for urgent work at most
 * ({@link UrgentFirst}), the largest record a consumer reads ({@link IncomingEvents}; larger ones go to
 * the dead-letter topic unread), and the retry schedule of a record that fails before it goes
 * to its dead-letter topic.
 */
@ConfigurationProperties("backline.kafka")
public record BacklineKafkaProperties(int partitions, int urgentPartitions, Duration routineMaxWait, short replicas,
                                      Integer minInsyncReplicas, DataSize maxRecordSize, Retry retry) {

    public record Retry(Duration initialInterval, double multiplier, Duration maxInterval, int maxRetries) {
    }
}
