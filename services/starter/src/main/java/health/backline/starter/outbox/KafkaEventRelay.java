package health.backline.starter.outbox;

import health.backline.starter.kafka.UrgentLane;
import health.backline.starter.outbox.OutboxTable.Pending;
import health.backline.starter.tracing.TraceParents;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.tracing.CurrentTraceContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends committed outbox events to Kafka as CloudEvents (binary mode), a batch per round. A round
 * locks the lanes no other instance holds, reads their next events (urgent first, then oldest),
 * sends them without waiting between records, and deletes what Kafka acknowledged in one statement,
 * all in one transaction: a crash before the delete rolls back and the events go again (the only
 * resend), and a second instance of the service never relays the same lanes at the same time.
 * A referral's events go one after another: its next event is sent only once Kafka acknowledged the
 * one before, so nothing of a referral overtakes an event the broker refused. A refused event's
 * referral rests for the retry interval.
 */
public class KafkaEventRelay {

    private static final Logger log = LoggerFactory.getLogger(KafkaEventRelay.class);

    private final KafkaTemplate<String, CloudEvent> kafka;
    private final OutboxTable table;
    private final TransactionTemplate transaction;
    private final UrgentLane urgentLane;
    private final OutboxSettings settings;
    private final Clock clock;
    private final TraceParents traceParents;
    /** Referrals whose oldest event the broker refused, and until when they rest. */
    private final Map<String, Instant> resting = new ConcurrentHashMap<>();

    public KafkaEventRelay(KafkaTemplate<String, CloudEvent> kafka, OutboxTable table, TransactionTemplate transaction,
                           UrgentLane urgentLane, OutboxSettings settings, Clock clock, TraceParents traceParents) {
        this.kafka = kafka;
        this.table = table;
        this.transaction = transaction;
        this.urgentLane = urgentLane;
        this.settings = settings;
        this.clock = clock;
        this.traceParents = traceParents;
    }

    /** One round: the next batch of the lanes this instance may relay. Returns how many events it read. */
    public int relayNextBatch() {
        Integer read = transaction.execute(status -> {
            List<Integer> lanes = table.lockFreeLanes();
            if (lanes.isEmpty()) {
                return 0;
            }
            resting.values().removeIf(until -> !until.isAfter(clock.instant()));
            List<Pending> batch = table.next(lanes, resting.keySet(), settings.batchSize());
            table.delete(send(batch));
            return batch.size();
        });
        return read == null ? 0 : read;
    }

    /** Referrals resting after the broker refused one of their events. */
    public int resting() {
        return resting.size();
    }

    /**
     * Sends the batch, each referral's events in order. Each step sends the next event of every referral
     * at once and waits for all of them; a referral whose event was refused stops for this round and rests.
     * When the producer cannot take a record at all (no broker), the round ends there. Returns the positions
     * Kafka acknowledged.
     */
    private List<Long> send(List<Pending> batch) {
        Map<String, Deque<Pending>> byReferral = new LinkedHashMap<>();
        batch.forEach(pending -> byReferral.computeIfAbsent(pending.event().key(), key -> new ArrayDeque<>()).add(pending));
        List<Long> acknowledged = new ArrayList<>();
        boolean producerDown = false;
        while (!byReferral.isEmpty() && !producerDown) {
            Map<Pending, CompletableFuture<?>> step = new LinkedHashMap<>();
            for (Deque<Pending> queue : byReferral.values()) {
                CompletableFuture<?> sent = sendOne(queue.peek().event());
                step.put(queue.peek(), sent);
                if (sent.isCompletedExceptionally()) {
                    producerDown = true;
                    break;
                }
            }
            Instant deadline = clock.instant().plus(settings.sendTimeout());
            for (var entry : step.entrySet()) {
                String referral = entry.getKey().event().key();
                Deque<Pending> queue = byReferral.get(referral);
                if (acknowledged(entry.getKey(), entry.getValue(), deadline)) {
                    acknowledged.add(entry.getKey().position());
                    queue.poll();
                } else {
                    queue.clear();
                    resting.put(referral, clock.instant().plus(settings.retryInterval()));
                }
                if (queue.isEmpty()) {
                    byReferral.remove(referral);
                }
            }
        }
        return acknowledged;
    }

    /**
     * Sends in the trace of the transaction that wrote the event, not of this thread: the template's send span is a
     * child of the writer's span, and the record's {@code traceparent} header names it.
     */
    private CompletableFuture<?> sendOne(OutboundEvent event) {
        try (CurrentTraceContext.Scope writer = traceParents.continueFrom(event.traceParent())) {
            return kafka.send(record(event));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private boolean acknowledged(Pending pending, CompletableFuture<?> sent, Instant deadline) {
        try {
            sent.get(Math.max(0, Duration.between(clock.instant(), deadline).toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            OutboundEvent event = pending.event();
            log.warn("Event {} ({}, referral {}) stays in the outbox, retried in {}: Kafka did not acknowledge it: {}",
                    event.id(), event.type(), event.key(), settings.retryInterval(), e.getMessage());
            return false;
        }
    }

    private ProducerRecord<String, CloudEvent> record(OutboundEvent event) {
        return new ProducerRecord<>(event.topic(), urgentLane.partition(event.topic(), event.key(), event.priority()),
                event.key(), toCloudEvent(event));
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

    /** How the relay works: batch size and timings ({@code backline.outbox.*}). */
    public record OutboxSettings(int batchSize, Duration pollInterval, Duration retryInterval, Duration sendTimeout) {
    }
}
