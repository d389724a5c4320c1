package health.backline.starter.outbox;

import java.time.Instant;

/**
 * An event on its way to Kafka, as the outbox stores it: the CloudEvents attributes and the data
 * already serialised, so the record that reaches Kafka is exactly what was committed; and whether it
 * travels in the urgent lane.
 */
public record OutboundEvent(String id, String type, String topic, String key, boolean urgent, Instant time,
                            String source, String data) {
}
