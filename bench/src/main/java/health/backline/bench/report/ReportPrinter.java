package health.backline.bench.report;

import health.backline.bench.kafka.StageQueues;
import health.backline.bench.load.Pathway;
import health.backline.bench.reference.CamundaEngineRate;
import health.backline.bench.reference.PostgresInsertRate;
import health.backline.bench.reference.References;
import health.backline.bench.resources.PartUse;
import health.backline.bench.run.Distribution;
import health.backline.bench.run.FindMax;
import health.backline.bench.run.RunResult;
import health.backline.bench.run.RunResult.TopicRecords;
import health.backline.bench.run.Stage;
import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A run's figures as a readable table. */
public final class ReportPrinter {

    private final PrintStream out;

    public ReportPrinter(PrintStream out) {
        this.out = out;
    }

    public void print(RunResult run) {
        line("");
        line("== %s (started %s, %.0f s) ==", run.label(), run.start().truncatedTo(ChronoUnit.MILLIS),
                run.lengthSeconds());
        line("Planned %,d referrals: %s", run.plannedByPathway().values().stream().mapToLong(Long::longValue).sum(),
                run.plannedByPathway().entrySet().stream().map(e -> String.format(Locale.ROOT, "%,d %s", e.getValue(),
                        e.getKey())).collect(Collectors.joining(", ")));
        line("Capacity first: %,d slots added in %.1f s (%d at a time, %.0f/s), %d already there, %d failed",
                run.capacity().added(), run.capacity().took().toMillis() / 1000.0, run.capacity().concurrency(),
                run.capacity().perSecond(), run.capacity().alreadyThere(), run.capacity().failed());
        throughput(run);
        latencies(run);
        kafka(run);
        resources(run);
    }

    private void throughput(RunResult run) {
        line("");
        line("Throughput");
        line("  %-36s %8.1f /s", "offered rate", run.offeredRate());
        line("  %-36s %8.1f /s   sender at most %.1f ms behind its plan", "achieved submit rate",
                run.achievedSubmitRate(), run.senderMaxLateMs());
        line("  %-36s %,8d", "accepted (202)", run.accepted());
        line("  %-36s %,8d   %s", "errors (no 202)", run.errorCount(), run.errors().isEmpty() ? "" : run.errors());
        line("  %-36s %8.1f /s   end states reached in the second half of the load", "sustained completion throughput",
                run.completionRate());
        line("  %-36s %8.1f /s   from the first end state to the last (what it managed while it had work)",
                "completion throughput while busy", run.busyCompletionRate());
        line("  %-36s %,8d / %,d", "open referrals at half / end of load", run.backlogAtHalf(), run.backlogAtEnd());
        line("  %-36s %,8d   all settled or timed out %.1f s after the last answer", "settled", run.settled(),
                run.drainSeconds());
        line("  %-36s %,8d   %s", "not settled before the drain timeout", run.unsettled(),
                run.unsettledWaitingIn().isEmpty() ? "" : "waiting in " + run.unsettledWaitingIn().entrySet().stream()
                        .map(e -> e.getKey().label() + ": " + e.getValue()).collect(Collectors.joining(", ")));
        line("  %-36s %,8d   %s", "stopped short of the end state", run.stoppedShort().values().stream()
                .mapToInt(Integer::intValue).sum(), run.stoppedShort().isEmpty() ? "" : run.stoppedShort());
        line("  %-36s %,8d", "on another pathway than their case", run.otherPathway());
        line("  %-36s %,8d   %.1f per referral, %d failed", "referral reads (GET, polling)", run.reads(),
                run.accepted() == 0 ? 0 : run.reads() / (double) run.accepted(), run.failedReads());
    }

    private void latencies(RunResult run) {
        line("");
        line("  %-44s %7s %9s %9s %9s %9s", "Latency, ms", "n", "p50", "p90", "p99", "max");
        run.stages().forEach((stage, distribution) -> row(stage.label(), distribution));
        for (Map.Entry<Pathway, Distribution> pathway : run.endToEndByPathway().entrySet()) {
            row("  end to end, " + pathway.getKey(), pathway.getValue());
        }
        row("ER handoff: submitted → SCHEDULED", run.erHandoff());
        for (Stage stage : Stage.values()) {
            line("    %s: %s", stage.label(), stage.meaning());
        }
    }

    private void row(String label, Distribution d) {
        if (d.isEmpty()) {
            line("  %-44s %,7d", label, 0);
            return;
        }
        line("  %-44s %,7d %9.1f %9.1f %9.1f %9.1f", label, d.count(), d.p50(), d.p90(), d.p99(), d.max());
    }

    private void kafka(RunResult run) {
        line("");
        if (run.kafka().isEmpty()) {
            line("Kafka: end offsets could not be read (broker unreachable)");
            return;
        }
        line("  %-44s %9s %13s", "Kafka records written (end offsets)", "records", "per referral");
        for (Map.Entry<String, TopicRecords> topic : run.kafka().entrySet()) {
            line("  %-44s %,9d %13.2f", topic.getKey(), topic.getValue().records(), topic.getValue().perReferral());
        }
        line("");
        line("  %-44s %9s %9s", "Queues in front of each stage (end offsets)", "load end", "peak");
        for (Map.Entry<StageQueues.Queue, StageQueues.Length> queue : run.queues().entrySet()) {
            line("  %-44s %,9d %,9d   %s", queue.getKey().label(), queue.getValue().atEndOfLoad(),
                    queue.getValue().peak(), queue.getKey().meaning());
        }
    }

    private void resources(RunResult run) {
        line("");
        line("  %-30s %9s %9s %16s %9s", "CPU and memory", "processes", "CPU s", "CPU ms/referral", "PSS MiB");
        double accounted = 0;
        double machine = Double.NaN;
        for (PartUse use : run.resources()) {
            if (use.part().equals(PartUse.MACHINE)) {
                machine = use.cpuSeconds();
                line("  %-30s %9s %9.1f %16.1f", use.part(), "", use.cpuSeconds(), use.cpuMsPerReferral());
                continue;
            }
            if (!use.part().equals(PartUse.BACKLINE_TOTAL)) {
                accounted += use.cpuSeconds();
            }
            line("  %-30s %9d %9.1f %16.1f %9.0f", use.part(), use.processes(), use.cpuSeconds(),
                    use.cpuMsPerReferral(), use.pssMib());
        }
        if (run.resources().size() <= 2) {
            line("  (no Backline processes found: no status file in the data directory; --data-dir names it)");
        }
        line("  %-30s %9s %9.1f   neither Backline nor the bench (a build, another test run ...)",
                "others on the machine", "", machine - accounted);
    }

    /** Backline's sustained rate (and CPU per referral) set against each reference figure. */
    public void references(double sustained, double backlineCpuMsPerReferral, References references) {
        line("");
        line("Reference figures (measured after the load, on the same machine)");
        PostgresInsertRate.Measured insert = references.insertRate();
        if (insert != null) {
            line("  Backline sustained %.1f/s = %.2f %% of PostgreSQL's one-row INSERT rate, %,.0f/s", sustained,
                    100 * sustained / insert.perSecond(), insert.perSecond());
            line("    (%s, %d clients, %.0f s, one autocommitted INSERT per transaction, fsync and synchronous_commit on)",
                    insert.method(), insert.clients(), insert.seconds());
        }
        CamundaEngineRate.Measured engine = references.engine();
        if (engine != null) {
            line("  Backline sustained %.1f/s = %.1f %% of the raw Camunda engine, %,.1f referrals/s to booked", sustained,
                    100 * sustained / engine.perSecond(), engine.perSecond());
            line("  Backline spends %.1f ms CPU per referral (all its processes) = %.1f times the raw engine's %.1f ms",
                    backlineCpuMsPerReferral, backlineCpuMsPerReferral / engine.cpuMsPerInstance(),
                    engine.cpuMsPerInstance());
            line("    (referral.bpmn in this JVM on in-memory H2, %d threads, %.0f s after as long a warm-up, three"
                    + " correlations per referral; %,d of %,d driven instances wait four weeks for their reassessment; %s)",
                    engine.threads(), engine.seconds(), engine.waitingBooked(), engine.bookedInAll(),
                    engine.jvmOptions());
        }
        references.notMeasured().forEach(reason -> line("  not measured: %s", reason));
    }

    /** The verdict of a find-max run. */
    public void findMax(FindMax.Outcome outcome) {
        line("");
        line("Maximum sustained rate: %s", outcome.maxSustained()
                .map(step -> String.format(Locale.ROOT, "%.1f/s (%s)", step.offeredRate(), step.label()))
                .orElse("none: the first step already fell behind"));
        outcome.behindFirst().ifPresent(stage -> line("Fell behind first: %s", stage));
    }

    private void line(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args).stripTrailing());
    }
}
