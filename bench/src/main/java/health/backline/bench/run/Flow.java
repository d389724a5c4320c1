package health.backline.bench.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * Throughput and backlog of a run, from when each referral was due to be sent and when it reached its end state
 * (never reached: still open). Both come from the referrals' own times, not from when the bench polled.
 */
final class Flow {

    private Flow() {
    }

    /**
     * End states reached per second in the second half of the load. A system that keeps up finishes referrals as
     * fast as they arrive once its pipeline is full (after one end-to-end latency, well inside the first half);
     * one that falls behind finishes fewer.
     */
    static double completionRate(Instant start, Duration length, Collection<Instant> endTimes) {
        Instant half = start.plus(length.dividedBy(2));
        Instant end = start.plus(length);
        long finished = endTimes.stream().filter(at -> !at.isBefore(half) && at.isBefore(end)).count();
        return finished / (length.toNanos() / 2e9);
    }

    /**
     * End states per second from the first to the last: what the system sustained while it had work, the rate
     * that matters when it fell behind (the second half of the load then sees only part of its work finish).
     */
    static double busyCompletionRate(Collection<Instant> endTimes) {
        if (endTimes.size() < 2) {
            return Double.NaN;
        }
        Instant first = endTimes.stream().min(Instant::compareTo).orElseThrow();
        Instant last = endTimes.stream().max(Instant::compareTo).orElseThrow();
        return (endTimes.size() - 1) / (Duration.between(first, last).toNanos() / 1e9);
    }

    /** Referrals due by {@code at} that had not reached their end state by then. */
    static int backlogAt(Instant at, Collection<Instant> dueTimes, Collection<Instant> endTimes) {
        long due = dueTimes.stream().filter(time -> !time.isAfter(at)).count();
        long finished = endTimes.stream().filter(time -> !time.isAfter(at)).count();
        return (int) (due - finished);
    }
}
