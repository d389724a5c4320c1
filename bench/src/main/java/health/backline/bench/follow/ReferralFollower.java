package health.backline.bench.follow;

import health.backline.bench.api.Answer;
import health.backline.bench.api.BacklineApi;
import health.backline.bench.load.Sent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows accepted referrals until each settles (its pathway's end state, or a status only a person can move on).
 * The milestones come from the referral's own timeline, so reading late costs no precision, while reading often
 * would load the system under test (every read is also an audit row in intake): each referral is read at most
 * once per interval, the longest-waiting first, with a bounded number of reads in flight and at most
 * {@code readsPerSecond} in all, however large the backlog grows.
 */
public final class ReferralFollower implements AutoCloseable {

    /** Where the followed referrals stand: settled ones with their milestones, the others as last seen. */
    public record Progress(List<Milestones> settled, List<Milestones> unsettled, int neverRead, long reads,
                           long failedReads) {
    }

    private record Due(String referralId, long atNanos) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(atNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(atNanos, ((Due) other).atNanos);
        }
    }

    private final BacklineApi api;
    private final Duration interval;
    private final Semaphore inFlight;
    private final long nanosBetweenReads;
    private final DelayQueue<Due> due = new DelayQueue<>();
    /** Unsettled referrals, each with what the last read showed (empty until a read succeeded). */
    private final Map<String, Optional<Milestones>> open = new ConcurrentHashMap<>();
    private final Map<String, Milestones> settled = new ConcurrentHashMap<>();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong failedReads = new AtomicLong();
    private final Thread dispatcher;

    public ReferralFollower(BacklineApi api, Duration interval, int maxInFlight, double readsPerSecond) {
        this.api = api;
        this.interval = interval;
        this.inFlight = new Semaphore(maxInFlight);
        this.nanosBetweenReads = Math.round(1e9 / readsPerSecond);
        this.dispatcher = new Thread(this::dispatch, "bench-follower");
        this.dispatcher.setDaemon(true);
        this.dispatcher.start();
    }

    /** Starts following an accepted referral; the first read is one interval after its acceptance. */
    public void follow(Sent accepted) {
        open.put(accepted.referralId(), Optional.empty());
        readLater(accepted.referralId());
    }

    /**
     * Waits until every followed referral has settled, or {@code timeout} has passed; then reads those still open
     * once more, all of them, so that a backlog larger than the read budget is not taken for referrals that never
     * settled.
     */
    public Progress awaitSettled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        readAllOpenNow();
        List<Milestones> unsettled = open.values().stream().flatMap(Optional::stream).toList();
        int neverRead = (int) open.values().stream().filter(Optional::isEmpty).count();
        return new Progress(List.copyOf(settled.values()), unsettled, neverRead, reads.get(), failedReads.get());
    }

    @Override
    public void close() {
        dispatcher.interrupt();
    }

    private void readAllOpenNow() throws InterruptedException {
        List<CompletableFuture<?>> lastReads = new ArrayList<>();
        for (String id : List.copyOf(open.keySet())) {
            lastReads.add(readNow(id));
        }
        CompletableFuture.allOf(lastReads.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
    }

    private void dispatch() {
        try {
            long nextReadAt = System.nanoTime();
            while (!Thread.currentThread().isInterrupted()) {
                String id = due.take().referralId();
                if (!open.containsKey(id)) {
                    continue; // settled meanwhile (read by the last sweep)
                }
                TimeUnit.NANOSECONDS.sleep(nextReadAt - System.nanoTime());
                nextReadAt = Math.max(nextReadAt, System.nanoTime()) + nanosBetweenReads;
                readNow(id);
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the referral as soon as fewer than the maximum reads are in flight. */
    private CompletableFuture<?> readNow(String id) throws InterruptedException {
        inFlight.acquire();
        reads.incrementAndGet();
        return api.referral(id).whenComplete((answer, failure) -> {
            inFlight.release();
            read(id, answer, failure);
        });
    }

    private void read(String id, Answer answer, Throwable failure) {
        if (failure != null || answer.status() != 200) {
            failedReads.incrementAndGet();
            readLater(id);
            return;
        }
        Milestones milestones;
        try {
            milestones = Milestones.of(answer.body());
        } catch (RuntimeException unreadable) {
            failedReads.incrementAndGet();
            readLater(id);
            return;
        }
        if (milestones.settled()) {
            settled.put(id, milestones);
            open.remove(id);
        } else if (open.computeIfPresent(id, (key, earlier) -> Optional.of(milestones)) != null) {
            readLater(id);
        }
    }

    private void readLater(String id) {
        due.add(new Due(id, System.nanoTime() + interval.toNanos()));
    }
}
