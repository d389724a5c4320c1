package health.backline.bench.run;

import health.backline.bench.kafka.StageQueues;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a run's system kept up with its offered rate, and if not, why and where. It kept up when it finished
 * referrals about as fast as they came (at least 95 %), its end-to-end p99 stayed within 5 s, its backlog did not
 * grow over the second half of the load, every referral settled before the drain timeout, and at most 1 % of the
 * submissions failed.
 */
public record StepVerdict(List<String> shortfalls) {

    private static final double MIN_COMPLETION_SHARE = 0.95;
    private static final double MAX_END_TO_END_P99_MS = 5_000;
    private static final double MAX_ERROR_SHARE = 0.01;

    public static StepVerdict of(RunResult run) {
        List<String> shortfalls = new ArrayList<>();
        if (run.completionRate() < MIN_COMPLETION_SHARE * run.offeredRate()) {
            shortfalls.add(format("completion %.1f/s < 95 %% of offered", run.completionRate()));
        }
        Distribution endToEnd = run.endToEnd();
        if (!endToEnd.isEmpty() && endToEnd.p99() > MAX_END_TO_END_P99_MS) {
            shortfalls.add(format("e2e p99 %.1f s > 5 s", endToEnd.p99() / 1000));
        }
        // Growing by more than one second's arrivals over half the load: referrals wait longer and longer.
        if (run.backlogAtEnd() - run.backlogAtHalf() > Math.max(run.offeredRate(), 5)) {
            shortfalls.add(format("backlog grew %d → %d", run.backlogAtHalf(), run.backlogAtEnd()));
        }
        if (run.unsettled() > 0) {
            shortfalls.add(format("%d not settled", run.unsettled()));
        }
        int submissions = run.accepted() + run.errorCount();
        if (submissions > 0 && run.errorCount() > MAX_ERROR_SHARE * submissions) {
            shortfalls.add(format("%d errors", run.errorCount()));
        }
        return new StepVerdict(List.copyOf(shortfalls));
    }

    public boolean keptUp() {
        return shortfalls.isEmpty();
    }

    /**
     * The stage that fell behind first in {@code run}: the one with the longest queue in front of it when the load
     * ended (from the topics' end offsets; the workflow's queue counts two status reports a referral); without
     * offsets, the stage whose p90 grew most against {@code baseline} (the first, slowest step).
     */
    public static Optional<String> behindFirst(RunResult baseline, RunResult run) {
        Optional<Map.Entry<StageQueues.Queue, StageQueues.Length>> longest = run.queues().entrySet().stream()
                .max(Comparator.comparingDouble(queue -> referralsIn(queue.getKey(), queue.getValue().atEndOfLoad())));
        if (longest.isPresent() && longest.get().getValue().atEndOfLoad() > 0) {
            StageQueues.Queue queue = longest.get().getKey();
            return Optional.of(format("%s (%.0f referrals queued in front of it when the load ended: %s)", queue.label(),
                    referralsIn(queue, longest.get().getValue().atEndOfLoad()), queue.meaning()));
        }
        return run.stages().entrySet().stream()
                .filter(stage -> stage.getKey().isStep() && !stage.getValue().isEmpty())
                .filter(stage -> !baseline.stages().get(stage.getKey()).isEmpty())
                .max(Comparator.comparingDouble(stage -> stage.getValue().p90() - baseline.stages().get(stage.getKey()).p90()))
                .map(stage -> format("%s (p90 %.0f ms at %.0f/s, %.0f ms at %.0f/s)", stage.getKey().label(),
                        stage.getValue().p90(), run.offeredRate(), baseline.stages().get(stage.getKey()).p90(),
                        baseline.offeredRate()));
    }

    private static double referralsIn(StageQueues.Queue queue, long length) {
        return queue == StageQueues.Queue.WORKFLOW ? length / 2.0 : length;
    }

    private static String format(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
