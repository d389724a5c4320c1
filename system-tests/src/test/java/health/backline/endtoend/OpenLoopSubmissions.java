package health.backline.endtoend;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Generated referrals sent to {@code POST /api/referrals} at a fixed rate by the clock, each without waiting for any
 * answer (an open loop: a slow Backline shows as latency, not as a lower rate). A submission that is not taken (5xx,
 * or no answer) is sent again half a second later with its Idempotency-Key, as the front desk's client does, until it
 * is accepted or {@link #GIVE_UP_AFTER} has passed.
 */
final class OpenLoopSubmissions {

    static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);
    private static final Duration RETRY_AFTER = Duration.ofMillis(500);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A referral intake took: its id, the status it will reach, when it was due to leave and when it was taken. */
    record Accepted(String id, String expectedStatus, Instant dueAt, Instant acceptedAt, int attempts) {
    }

    /** What a run sent and what became of it; refusals by cause ("502", "ConnectException" ...). */
    record Result(List<Accepted> accepted, int notAccepted, Map<String, Integer> refusals, Instant start, Instant end,
                  double achievedRate) {
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI referrals;
    private final String runTag;
    private final List<Accepted> accepted = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> refusals = new ConcurrentHashMap<>();
    private final AtomicInteger notAccepted = new AtomicInteger();

    /** {@code intake}: where intake is reached, e.g. the cluster's front; {@code runTag} makes MRNs and keys unique. */
    OpenLoopSubmissions(String intake, String runTag) {
        this.referrals = URI.create(intake + "/api/referrals");
        this.runTag = runTag;
    }

    /** Sends {@code rate} referrals a second for {@code duration}; returns once each is accepted or given up on. */
    Result run(double rate, Duration duration) throws InterruptedException {
        int count = (int) Math.round(rate * duration.toSeconds());
        CountDownLatch settled = new CountDownLatch(count);
        long startNanos = System.nanoTime();
        Instant start = Instant.now();
        long lastSentNanos = startNanos;
        for (int i = 0; i < count; i++) {
            long due = startNanos + (long) (i * 1e9 / rate);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            lastSentNanos = System.nanoTime();
            GeneratedReferrals.Referral referral = GeneratedReferrals.number(i, runTag);
            submit(referral, runTag + "-" + i, start.plusNanos(due - startNanos), 1, settled);
        }
        Instant end = Instant.now();
        if (!settled.await(GIVE_UP_AFTER.toSeconds() + 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(settled.getCount() + " submissions neither accepted nor given up on");
        }
        double achieved = count < 2 ? rate : (count - 1) / ((lastSentNanos - startNanos) / 1e9);
        return new Result(List.copyOf(accepted), notAccepted.get(), Map.copyOf(refusals), start, end, achieved);
    }

    private void submit(GeneratedReferrals.Referral referral, String key, Instant dueAt, int attempt,
                        CountDownLatch settled) {
        HttpRequest request = HttpRequest.newBuilder(referrals)
                .header("Authorization", HttpProbe.basic("frontdesk", "frontdesk"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(referral.intake().toString()))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((answer, failure) -> {
            if (failure == null && (answer.statusCode() == 202 || answer.statusCode() == 200)) {
                accepted.add(new Accepted(idOf(answer.body()), referral.expectedStatus(), dueAt, Instant.now(), attempt));
                settled.countDown();
                return;
            }
            String cause = failure != null ? rootCause(failure).getClass().getSimpleName() : String.valueOf(answer.statusCode());
            refusals.merge(cause, 1, Integer::sum);
            boolean worthAgain = failure != null || answer.statusCode() >= 500;
            if (worthAgain && Duration.between(dueAt, Instant.now()).compareTo(GIVE_UP_AFTER) < 0) {
                CompletableFuture.delayedExecutor(RETRY_AFTER.toMillis(), TimeUnit.MILLISECONDS)
                        .execute(() -> submit(referral, key, dueAt, attempt + 1, settled));
            } else {
                notAccepted.incrementAndGet();
                settled.countDown();
            }
        });
    }

    private static String idOf(String body) {
        try {
            return JSON.readTree(body).get("id").asText();
        } catch (Exception unreadable) {
            throw new IllegalStateException("An accepted referral without an id: " + body, unreadable);
        }
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
