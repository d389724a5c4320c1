package health.backline.starter.kafka;

import health.backline.starter.inbox.InvalidEventException;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

/**
 * The producer that writes failed records to {@code <topic>.DLT}. The dead-letter recoverer copies
 * the original record's headers (the {@code ce_*} attributes included) and adds the error; this
 * producer writes the original key and data bytes, so a DLT record is the original record plus why
 * it failed, whether it could be read at all (raw bytes) or failed later (a CloudEvent).
 */
final class DeadLetters {

    private DeadLetters() {
    }

    /** Backline's own headers on a dead-letter record: why, in one line, and after how many deliveries. */
    static Headers headers(Exception error, int deliveryAttempts) {
        Headers headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.REASON, reason(error).getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.DELIVERY_ATTEMPTS,
                String.valueOf(Math.max(1, deliveryAttempts)).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /**
     * The reason of an {@link InvalidEventException} anywhere in the chain (a record rejected on arrival or by its
     * listener), else the innermost exception's class and first line.
     */
    static String reason(Throwable error) {
        Throwable innermost = error;
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidEventException) {
                return oneLine(cause.getMessage());
            }
            innermost = cause;
            if (cause.getCause() == cause) {
                break;
            }
        }
        String message = innermost.getMessage();
        return innermost.getClass().getSimpleName() + (message == null ? "" : ": " + oneLine(message));
    }

    /**
     * A deserialisation failure reaches the recoverer as it was thrown, not wrapped with the consumer group as a
     * listener's failure is: wrapped here, so Spring writes {@code kafka_dlt-original-consumer-group} for both.
     */
    static Exception withGroup(Exception error, Consumer<?, ?> consumer) {
        if (error instanceof ListenerExecutionFailedException || consumer == null) {
            return error;
        }
        return new ListenerExecutionFailedException("Listener failed", consumer.groupMetadata().groupId(), error);
    }

    private static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("[\\r\\n\\t]+", " ").strip();
        return line.length() > 1000 ? line.substring(0, 1000) + "..." : line;
    }

    static KafkaTemplate<Object, Object> template(Map<String, Object> producerProperties) {
        Serializer<Object> keys = new DelegatingByTypeSerializer(Map.of(
                String.class, new StringSerializer(),
                byte[].class, new ByteArraySerializer()));
        Serializer<Object> values = new DelegatingByTypeSerializer(Map.of(
                byte[].class, new ByteArraySerializer(),
                CloudEvent.class, (Serializer<CloudEvent>) (topic, event) ->
                        event.getData() == null ? null : event.getData().toBytes()), true);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producerProperties, keys, values));
    }
}
