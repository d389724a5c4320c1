package health.backline.starter.outbox;

import health.backline.events.Priority;
import java.time.Instant;

/**
 * An event on its way to Kafka, as the outbox stores it: the CloudEvents attributes and the data
 * already serialised, so the record that reaches Kafka is exactly what was committed; the lane it
 * travels in: stat (ER), urgent, or routine; and the trace context of the transaction that wrote it (W3C
 * {@code traceparent}, null when none), in which the relay sends it.
 */
public record OutboundEvent(String id, String type, String topic, String key, Priority priority, Instant time,
                            String source, String data, String traceParent) {

    boolean urgent() {
        return priority.isUrgent();
    }

    boolean stat() {
        return priority == Priority.STAT;
    }
}
