package health.backline.events.outbox;

import java.time.Duration;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Sends again, oldest first, every outbox event Kafka has not acknowledged: those whose first
 * attempt failed and those left by a crash. Runs on a fixed delay and until each one succeeds.
 */
public class OutboxRetry implements SmartInitializingSingleton {

    private final IncompleteEventPublications incomplete;
    private final EventPublicationRegistry registry;
    private final KafkaEventRelay relay;
    private final PublicationBacklog backlog;
    private final Duration retryAfter;

    public OutboxRetry(IncompleteEventPublications incomplete, EventPublicationRegistry registry,
                       KafkaEventRelay relay, PublicationBacklog backlog, Duration retryAfter) {
        this.incomplete = incomplete;
        this.registry = registry;
        this.relay = relay;
        this.backlog = backlog;
        this.retryAfter = retryAfter;
    }

    /** Before any new event can be committed, count what an earlier run left unsent, so new events queue behind it. */
    @Override
    public void afterSingletonsInstantiated() {
        registry.findIncompletePublications().stream()
                .map(publication -> publication.getEvent())
                .filter(OutboundEvent.class::isInstance)
                .map(OutboundEvent.class::cast)
                .forEach(event -> backlog.add(event.key()));
    }

    @Scheduled(initialDelayString = "${backline.outbox.retry-interval}", fixedDelayString = "${backline.outbox.retry-interval}")
    public void retryUnsent() {
        relay.retryRound(() -> incomplete.resubmitIncompletePublications(
                publication -> publication.getEvent() instanceof OutboundEvent event
                        && (backlog.isWaiting(event.key()) || isOlderThanRetryAfter(publication))));
    }

    private boolean isOlderThanRetryAfter(org.springframework.modulith.events.EventPublication publication) {
        return publication.getPublicationDate().isBefore(java.time.Instant.now().minus(retryAfter));
    }
}
