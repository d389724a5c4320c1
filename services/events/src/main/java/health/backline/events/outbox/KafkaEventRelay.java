package health.backline.events.outbox;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends committed outbox events to Kafka as CloudEvents (binary mode) and waits for the broker's
 * acknowledgement. It runs on one thread of its own ({@link OutboxWiring#RELAY_EXECUTOR}), after
 * the committing thread has returned its database connection: events leave in commit order, and
 * no committing thread waits for Kafka. An event that cannot be sent, or that must wait behind an
 * older event of its referral, fails here and stays in the registry until {@link OutboxRetry}
 * hands it back.
 */
public class KafkaEventRelay {

    private final KafkaTemplate<String, CloudEvent> kafka;
    private final PublicationBacklog backlog;
    private final Duration sendTimeout;

    public KafkaEventRelay(KafkaTemplate<String, CloudEvent> kafka, PublicationBacklog backlog, Duration sendTimeout) {
        this.kafka = kafka;
        this.backlog = backlog;
        this.sendTimeout = sendTimeout;
    }

    @Async(OutboxWiring.RELAY_EXECUTOR)
    @TransactionalEventListener
    public void relay(OutboundEvent event) {
        if (backlog.wasSent(event)) {
            // Handed back by a retry round while its first attempt was still queued: it is on Kafka already.
            return;
        }
        if (!backlog.mayGo(event)) {
            throw new EventNotSent(event, "an older event of this referral is still waiting", null);
        }
        try {
            send(event);
            backlog.sent(event);
        } catch (RuntimeException e) {
            backlog.failed(event);
            throw e;
        }
    }

    private void send(OutboundEvent event) {
        try {
            kafka.send(new ProducerRecord<>(event.topic(), event.key(), toCloudEvent(event)))
                    .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventNotSent(event, "interrupted", e);
        } catch (Exception e) {
            throw new EventNotSent(event, "Kafka did not acknowledge it: " + e.getMessage(), e);
        }
    }

    static CloudEvent toCloudEvent(OutboundEvent event) {
        return CloudEventBuilder.v1()
                .withId(event.id())
                .withSource(URI.create(event.source()))
                .withType(event.type())
                .withSubject(event.key())
                .withTime(event.time().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(event.data().getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
