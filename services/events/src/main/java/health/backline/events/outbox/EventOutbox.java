package health.backline.events.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.events.EventPayload;
import health.backline.events.EventType;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where a service puts the events its state changes cause. The event is stored in the caller's
 * database transaction (Spring Modulith's event publication registry) and sent to Kafka by
 * {@link KafkaEventRelay} only after that transaction commits.
 */
public class EventOutbox {

    private final ApplicationEventPublisher publisher;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final String source;

    public EventOutbox(ApplicationEventPublisher publisher, ObjectMapper objectMapper, Clock clock, String source) {
        this.publisher = publisher;
        this.objectMapper = objectMapper;
        this.clock = clock;
        this.source = source;
    }

    /** Must run inside the transaction that makes the change the event reports. */
    public void publish(EventPayload payload) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Events are published inside the transaction of the change they report");
        }
        EventType type = EventType.of(payload);
        publisher.publishEvent(new OutboundEvent(UUID.randomUUID().toString(), type.type(), type.topic(),
                payload.referralId(), clock.instant(), source, toJson(payload)));
    }

    private String toJson(EventPayload payload) {
        try {
            return objectMapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise " + payload.getClass().getSimpleName(), e);
        }
    }
}
