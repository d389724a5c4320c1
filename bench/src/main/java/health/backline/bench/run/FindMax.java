package health.backline.bench.run;

import health.backline.bench.load.ArrivalPlan;
import health.backline.bench.load.PathwayMix;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Steps of rising rate, each a whole run with the standard mix (capacity, load, drain), until one does not keep
 * up ({@link StepVerdict}): the last step that did is the maximum sustained rate.
 */
public final class FindMax {

    /** The steps and their verdicts; the highest rate that kept up (none when the first step did not). */
    public record Outcome(List<RunResult> steps, List<StepVerdict> verdicts, Optional<RunResult> maxSustained,
                          Optional<String> behindFirst) {
    }

    /** How the rate rises: by a step, or by a factor when one is given. */
    public record Ramp(double startRate, double rateStep, double rateFactor, Duration stepDuration, int maxSteps) {

        double after(double rate) {
            return rateFactor > 1 ? rate * rateFactor : rate + rateStep;
        }
    }

    private final LoadRun loadRun;
    private final PrintStream out;

    public FindMax(LoadRun loadRun, PrintStream out) {
        this.loadRun = loadRun;
        this.out = out;
    }

    public Outcome run(Ramp ramp) throws InterruptedException {
        List<RunResult> steps = new ArrayList<>();
        List<StepVerdict> verdicts = new ArrayList<>();
        Optional<RunResult> maxSustained = Optional.empty();
        Optional<String> behindFirst = Optional.empty();
        out.println();
        out.printf(Locale.ROOT, "%-5s %8s %9s %11s %9s %9s %11s %7s  %s%n", "step", "offered", "achieved", "completed",
                "e2e p50", "e2e p99", "open ½→end", "errors", "verdict");
        double rate = ramp.startRate();
        for (int step = 1; step <= ramp.maxSteps(); step++) {
            RunResult result = loadRun.run(String.format(Locale.ROOT, "find-max step %d at %.1f/s", step, rate),
                    ArrivalPlan.steady(rate, ramp.stepDuration(), PathwayMix.standard()));
            StepVerdict verdict = StepVerdict.of(result);
            steps.add(result);
            verdicts.add(verdict);
            print(step, result, verdict);
            if (!verdict.keptUp()) {
                behindFirst = StepVerdict.behindFirst(steps.get(0), result);
                break;
            }
            maxSustained = Optional.of(result);
            rate = ramp.after(rate);
        }
        return new Outcome(steps, verdicts, maxSustained, behindFirst);
    }

    private void print(int step, RunResult result, StepVerdict verdict) {
        Distribution endToEnd = result.endToEnd();
        out.printf(Locale.ROOT, "%-5d %6.1f/s %7.1f/s %9.1f/s %7.0fms %7.0fms %5d→%-5d %7d  %s%n", step,
                result.offeredRate(), result.achievedSubmitRate(), result.completionRate(), endToEnd.p50(),
                endToEnd.p99(), result.backlogAtHalf(), result.backlogAtEnd(), result.errorCount(),
                verdict.keptUp() ? "kept up" : "fell behind: " + String.join("; ", verdict.shortfalls()));
        out.printf(Locale.ROOT, "      queues at load end (peak): %s%n", result.queues().entrySet().stream()
                .map(queue -> String.format(Locale.ROOT, "%s %d (%d)", queue.getKey().label(),
                        queue.getValue().atEndOfLoad(), queue.getValue().peak()))
                .collect(Collectors.joining(", ")));
    }
}
