package health.backline.starter.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The headers a dead-letter record carries besides the original ones: Spring Kafka's {@code kafka_dlt-*} (exception,
 * original topic, partition, offset, consumer group) and Backline's own, short and readable.
 */
public final class DeadLetterHeaders {

    /** Why the record could not be handled, in one line (never a stack trace, never the record's data). */
    public static final String REASON = "backline_dlt_reason";
    /** How often the record was delivered to its listener before it was dead-lettered: 1 when it was not retried. */
    public static final String DELIVERY_ATTEMPTS = "backline_dlt_delivery_attempts";
    /**
     * On a record replayed from a dead-letter topic: the consumer group that is to handle it. Other groups that
     * read the same topic skip it ({@link ReplayTarget}), having handled or dead-lettered it themselves already.
     */
    public static final String REPLAY_FOR = "backline_replay_for";
    /** On a replayed record: the dead-letter record it came from, {@code <topic>/<partition>/<offset>}. */
    public static final String REPLAYED_FROM = "backline_replayed_from";

    /** Every header that describes a failure, removed when a record is replayed. */
    public static boolean isFailureHeader(String name) {
        return name.startsWith(KafkaHeaders.PREFIX + "dlt-") || name.startsWith("backline_dlt_")
                || name.equals(REPLAY_FOR) || name.equals(REPLAYED_FROM)
                || name.equals(KafkaHeaders.DELIVERY_ATTEMPT)
                || name.startsWith("springDeserializerException");
    }

    private DeadLetterHeaders() {
    }

    public static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Spring Kafka writes original partitions as 4-byte and offsets as 8-byte big-endian numbers. */
    public static Long number(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        byte[] value = header.value();
        return switch (value.length) {
            case Integer.BYTES -> (long) ByteBuffer.wrap(value).getInt();
            case Long.BYTES -> ByteBuffer.wrap(value).getLong();
            default -> null;
        };
    }
}
