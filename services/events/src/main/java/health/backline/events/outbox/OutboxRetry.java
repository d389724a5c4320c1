package health.backline.events.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Hands every outbox event Kafka has not acknowledged back to the relay, oldest first: those whose
 * attempt failed or had to wait, and those left by a crash. Runs on a fixed delay, until each one
 * succeeds. A round runs on the relay's own thread, so it never interleaves with a send.
 */
public class OutboxRetry implements SmartInitializingSingleton {

    private final IncompleteEventPublications incomplete;
    private final EventPublicationRegistry registry;
    private final PublicationBacklog backlog;
    private final Executor relayThread;
    private final Duration retryAfter;

    public OutboxRetry(IncompleteEventPublications incomplete, EventPublicationRegistry registry,
                       PublicationBacklog backlog, Executor relayThread, Duration retryAfter) {
        this.incomplete = incomplete;
        this.registry = registry;
        this.backlog = backlog;
        this.relayThread = relayThread;
        this.retryAfter = retryAfter;
    }

    /** Before any new event can be committed: what an earlier run left unsent goes first. */
    @Override
    public void afterSingletonsInstantiated() {
        backlog.replaceWith(unsent(Instant.MAX));
    }

    /**
     * The cutoff is taken when the round is queued, not when it runs: every event committed before it had its
     * relay task queued ahead of this round, so under a backlog the round does not hand back events that are still
     * waiting in the relay's queue (which then went out twice).
     */
    @Scheduled(initialDelayString = "${backline.outbox.retry-interval}", fixedDelayString = "${backline.outbox.retry-interval}")
    public void retryUnsent() {
        Instant cutoff = Instant.now().minus(retryAfter);
        relayThread.execute(() -> {
            List<OutboundEvent> unsent = unsent(cutoff);
            backlog.replaceWith(unsent);
            if (!unsent.isEmpty()) {
                incomplete.resubmitIncompletePublications(publication -> isUnsent(publication, cutoff));
            }
        });
    }

    /**
     * Unsent: waiting in the backlog, or committed before the cutoff and still not acknowledged
     * (events committed since are on their way through the relay's queue).
     */
    private List<OutboundEvent> unsent(Instant cutoff) {
        return registry.findIncompletePublications().stream()
                .filter(publication -> isUnsent(publication, cutoff))
                .map(publication -> (OutboundEvent) publication.getEvent())
                .toList();
    }

    private boolean isUnsent(EventPublication publication, Instant cutoff) {
        return publication.getEvent() instanceof OutboundEvent event
                && (backlog.isWaiting(event) || publication.getPublicationDate().isBefore(cutoff));
    }
}
