package health.backline.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * When to restart a service that died, and when to give up on it.
 *
 * <p>The wait doubles with each failure in a row (1 s, 2 s, 4 s ... at most 30 s); a run that lasted a whole
 * window counts as recovered and starts the series again. The fifth failure within one window (5 minutes) means
 * the service cannot stay up on its own: it is given up on.
 */
final class RestartPolicy {

    static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    static final Duration LONGEST_WAIT = Duration.ofSeconds(30);
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final int FAILURES_TO_GIVE_UP = 5;

    private final Deque<Instant> failures = new ArrayDeque<>();
    private int inARow;

    /**
     * Records that the service, started at {@code startedAt}, died at {@code diedAt}.
     *
     * @return how long to wait before the restart, or empty to give up
     */
    synchronized Optional<Duration> failed(Instant startedAt, Instant diedAt) {
        boolean ranAWholeWindow = !startedAt.plus(WINDOW).isAfter(diedAt);
        inARow = ranAWholeWindow ? 1 : inARow + 1;
        failures.addLast(diedAt);
        while (!failures.isEmpty() && !failures.peekFirst().isAfter(diedAt.minus(WINDOW))) {
            failures.removeFirst();
        }
        if (failures.size() >= FAILURES_TO_GIVE_UP) {
            return Optional.empty();
        }
        return Optional.of(waitBefore(inARow));
    }

    /** 1 s before the first restart in a row, doubling, never more than 30 s. */
    static Duration waitBefore(int failureInARow) {
        int doublings = Math.min(failureInARow - 1, 10);
        Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }
}
