package health.backline.starter.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.events.EventPayload;
import health.backline.events.EventType;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.CloudEventUtils;
import io.cloudevents.jackson.PojoCloudEventDataMapper;
import io.cloudevents.rw.CloudEventRWException;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where a listener hands each CloudEvent it receives. The event's effect and the record of its
 * {@code ce_id} commit in one transaction, so a record Kafka delivers twice has one effect.
 */
public class EventInbox {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ObjectMapper objectMapper;

    public EventInbox(JdbcClient jdbc, TransactionTemplate transaction, ObjectMapper objectMapper) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.objectMapper = objectMapper;
    }

    /**
     * Applies {@code effect} to the event's data once. Returns false when the event was handled before.
     *
     * @throws InvalidEventException when the event is not of the expected type or its data cannot be read
     */
    public <T extends EventPayload> boolean receive(CloudEvent event, Class<T> payloadType, Consumer<T> effect) {
        T payload = read(event, payloadType);
        Boolean applied = transaction.execute(status -> {
            if (!recordFirstDelivery(event)) {
                return false;
            }
            effect.accept(payload);
            return true;
        });
        return Boolean.TRUE.equals(applied);
    }


    private <T extends EventPayload> T read(CloudEvent event, Class<T> payloadType) {
        EventType type = EventType.ofType(event.getType()).orElse(null);
        if (type == null || !payloadType.equals(type.payloadType())) {
            throw new InvalidEventException("Event " + event.getId() + " of type " + event.getType()
                    + " is not a " + payloadType.getSimpleName());
        }
        if (event.getData() == null) {
            throw new InvalidEventException("Event " + event.getId() + " has no data");
        }
        try {
            T payload = CloudEventUtils.mapData(event, PojoCloudEventDataMapper.from(objectMapper, payloadType)).getValue();
            if (payload.referralId() == null) {
                throw new InvalidEventException("Event " + event.getId() + " names no referral");
            }
            return payload;
        } catch (CloudEventRWException | IllegalArgumentException e) {
            throw new InvalidEventException("Event " + event.getId() + " has unreadable data: " + e.getMessage(), e);
        }
    }

    private boolean recordFirstDelivery(CloudEvent event) {
        return jdbc.sql("INSERT INTO processed_event (event_id, event_type) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(event.getId(), event.getType())
                .update() == 1;
    }
}
