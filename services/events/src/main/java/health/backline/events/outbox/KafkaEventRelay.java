package health.backline.events.outbox;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends committed outbox events to Kafka as CloudEvents (binary mode) and waits for the broker's
 * acknowledgement. An event that cannot be sent, or that must wait behind an older event of the
 * same referral, fails here and stays in the registry until {@link OutboxRetry} resubmits it.
 */
public class KafkaEventRelay {

    private static final ThreadLocal<Set<String>> RETRY_ROUND = new ThreadLocal<>();

    private final KafkaTemplate<String, CloudEvent> kafka;
    private final PublicationBacklog backlog;
    private final Duration sendTimeout;

    public KafkaEventRelay(KafkaTemplate<String, CloudEvent> kafka, PublicationBacklog backlog, Duration sendTimeout) {
        this.kafka = kafka;
        this.backlog = backlog;
        this.sendTimeout = sendTimeout;
    }

    @TransactionalEventListener
    public void relay(OutboundEvent event) {
        Set<String> failedThisRound = RETRY_ROUND.get();
        if (failedThisRound == null) {
            sendCommitted(event);
        } else {
            resend(event, failedThisRound);
        }
    }

    /** Runs a retry round: the registry hands back unsent events oldest first, on this thread. */
    void retryRound(Runnable resubmission) {
        RETRY_ROUND.set(new HashSet<>());
        try {
            resubmission.run();
        } finally {
            RETRY_ROUND.remove();
        }
    }

    private void sendCommitted(OutboundEvent event) {
        if (backlog.isWaiting(event.key())) {
            backlog.add(event.key());
            throw new EventNotSent(event, "an older event of this referral is still waiting", null);
        }
        try {
            send(event);
        } catch (RuntimeException e) {
            backlog.add(event.key());
            throw e;
        }
    }

    private void resend(OutboundEvent event, Set<String> failedThisRound) {
        if (failedThisRound.contains(event.key())) {
            throw new EventNotSent(event, "an older event of this referral failed again", null);
        }
        try {
            send(event);
            backlog.remove(event.key());
        } catch (RuntimeException e) {
            failedThisRound.add(event.key());
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
