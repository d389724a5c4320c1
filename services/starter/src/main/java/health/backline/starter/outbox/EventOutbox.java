package health.backline.starter.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.events.EventPayload;
import health.backline.events.EventType;
import health.backline.starter.tracing.TraceParents;
import java.time.Clock;
import java.util.UUID;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where a service puts the events its state changes cause. The event is stored in the caller's
 * database transaction ({@code outbox_event}) and sent to Kafka by {@link KafkaEventRelay} once that
 * transaction has committed: the commit wakes the relay. The event keeps the caller's trace context, so the
 * record continues the trace of the change it reports.
 */
public class EventOutbox {

    private final OutboxTable table;
    private final OutboxRelayLoop relay;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final String source;
    private final TraceParents traceParents;

    public EventOutbox(OutboxTable table, OutboxRelayLoop relay, ObjectMapper objectMapper, Clock clock, String source,
                       TraceParents traceParents) {
        this.table = table;
        this.relay = relay;
        this.objectMapper = objectMapper;
        this.clock = clock;
        this.source = source;
        this.traceParents = traceParents;
    }

    /** Must run inside the transaction that makes the change the event reports. */
    public void publish(EventPayload payload) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Events are published inside the transaction of the change they report");
        }
        EventType type = EventType.of(payload);
        table.insert(new OutboundEvent(UUID.randomUUID().toString(), type.type(), type.topic(), payload.referralId(),
                payload.lane(), clock.instant(), source, toJson(payload), traceParents.current()));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wake();
            }
        });
    }

    private String toJson(EventPayload payload) {
        try {
            return objectMapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise " + payload.getClass().getSimpleName(), e);
        }
    }
}
