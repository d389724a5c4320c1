package health.backline.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import health.backline.bench.api.Answer;
import health.backline.bench.api.BacklineApi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Sends a plan's referrals at their planned times by the clock, each without waiting for any answer, and times
 * every answer from the moment the referral was due to leave (not from when it actually left): a late sender or a
 * backed-up server shows as latency, never as a lower offered rate.
 */
public final class OpenLoopSender {

    /** Room between planning the start and the first send, so the first referral is not already late. */
    private static final Duration LEAD = Duration.ofMillis(200);

    /** Every submission of the run, and how well the sender kept to the plan. */
    public record Sending(List<Sent> sent, Instant start, double achievedRate, Duration maxLateness) {
    }

    private final BacklineApi api;

    public OpenLoopSender(BacklineApi api) {
        this.api = api;
    }

    /**
     * Sends the plan (blocking until every answer is in or timed out); {@code whenAccepted} hears of each accepted
     * referral as soon as its answer comes.
     */
    public Sending send(ArrivalPlan plan, List<byte[]> bodies, String runTag, Consumer<Sent> whenAccepted) {
        long startNanos = System.nanoTime() + LEAD.toNanos();
        Instant start = Instant.now().plus(LEAD);
        List<CompletableFuture<Sent>> answers = new ArrayList<>(plan.size());
        long maxLateNanos = 0;
        long firstSentNanos = 0;
        long lastSentNanos = 0;
        for (int i = 0; i < plan.size(); i++) {
            Arrival arrival = plan.arrivals().get(i);
            long due = startNanos + arrival.offsetNanos();
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            long now = System.nanoTime();
            maxLateNanos = Math.max(maxLateNanos, now - due);
            firstSentNanos = i == 0 ? now : firstSentNanos;
            lastSentNanos = now;
            int index = i;
            Instant scheduledAt = start.plusNanos(arrival.offsetNanos());
            answers.add(api.submitReferral(bodies.get(i), "bench-" + runTag + "-" + i)
                    .handle((answer, failure) -> sent(index, arrival.pathway(), scheduledAt,
                            Duration.ofNanos(System.nanoTime() - due), answer, failure))
                    .whenComplete((sent, ignored) -> {
                        if (sent.accepted()) {
                            whenAccepted.accept(sent);
                        }
                    }));
        }
        double achievedRate = plan.size() < 2 ? plan.offeredRate()
                : (plan.size() - 1) / ((lastSentNanos - firstSentNanos) / 1e9);
        List<Sent> sent = answers.stream().map(CompletableFuture::join).toList();
        return new Sending(sent, start, achievedRate, Duration.ofNanos(maxLateNanos));
    }

    private static Sent sent(int index, Pathway pathway, Instant scheduledAt, Duration answeredAfter, Answer answer,
                             Throwable failure) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            return new Sent(index, pathway, scheduledAt, answeredAfter, 0, cause.getClass().getSimpleName(), null, null);
        }
        JsonNode view = answer.body();
        String id = view.path("id").isTextual() ? view.get("id").asText() : null;
        Instant submittedAt = view.path("submittedAt").isTextual() ? Instant.parse(view.get("submittedAt").asText()) : null;
        return new Sent(index, pathway, scheduledAt, answeredAfter, answer.status(), null, id, submittedAt);
    }
}
