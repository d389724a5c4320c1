package health.backline.bench;

import health.backline.bench.BenchOptions.InvalidOptionException;
import health.backline.bench.api.BacklineApi;
import health.backline.bench.api.ReplayApi;
import health.backline.bench.kafka.TopicOffsets;
import health.backline.bench.load.ArrivalPlan;
import health.backline.bench.load.ClinicalCases;
import health.backline.bench.load.Pathway;
import health.backline.bench.load.PathwayMix;
import health.backline.bench.reference.References;
import health.backline.bench.report.JsonReport;
import health.backline.bench.report.ReportPrinter;
import health.backline.bench.resources.BacklineParts;
import health.backline.bench.run.FindMax;
import health.backline.bench.run.LoadRun;
import health.backline.bench.run.ReplayRun;
import health.backline.bench.run.RunResult;
import health.backline.bench.run.StepVerdict;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code java -jar bench/target/backline-bench.jar [options]}: a load benchmark of a running Backline (see
 * bench/README.md). The figures go to standard output, progress to standard error.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(List.of(args));
        } catch (InvalidOptionException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println();
            System.err.print(BenchOptions.usage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(BenchOptions.usage());
            return;
        }
        System.exit(run(options, System.out, System.err));
    }

    private static int run(BenchOptions options, PrintStream out, PrintStream progress) throws Exception {
        Target target = Target.of(options);
        BacklineApi api = new BacklineApi(target.intake(), target.scheduling(), options.frontDesk(), options.scheduler());
        progress.printf("Backline: intake %s, scheduling %s, Kafka %s, PostgreSQL %s:%d; %s%n", target.intake(),
                target.scheduling(), target.kafkaBootstrap(), target.host(), target.postgresPort(),
                target.parts().isEmpty() ? "no status file in " + target.dataDirectory() + ": CPU and memory not measured"
                        : "processes from " + target.dataDirectory().resolve(BacklineParts.STATUS_FILE));
        Optional<String> notReady = api.notReady();
        if (notReady.isPresent()) {
            progress.println("Backline is not ready: " + notReady.get() + " (start it first: README, \"Two commands\")");
            return 1;
        }
        ReportPrinter printer = new ReportPrinter(out);
        try (TopicOffsets offsets = new TopicOffsets(target.kafkaBootstrap())) {
            LoadRun loadRun = new LoadRun(api, offsets, target.parts().groups(), ClinicalCases.load(),
                    new LoadRun.Settings(options.drainTimeout(), options.pollInterval(), options.pollConcurrency(),
                            options.readBudget(), options.slotMargin(), options.slotConcurrency()), progress);
            if (options.replay()) {
                return new ReplayRun(new ReplayApi(target.triage(), options.lead()), loadRun, out, progress)
                        .run(options.replayDecisions(), options.replayRuns(), options.rate());
            }
            Session session = options.findMax() ? findMax(options, loadRun, printer, out) : oneRun(options, loadRun, printer);
            References references = null;
            if (options.references()) {
                references = References.measure(new References.Settings(target.host(), target.postgresPort(),
                        target.dataDirectory(), options.insertMethod(), options.postgresClients(),
                        options.camundaThreads(), options.referenceDuration()), progress);
                printer.references(session.sustainedRate(), session.backlineCpuMsPerReferral(), references);
            }
            if (options.json().isPresent()) {
                new JsonReport(session.mode(), session.runs(), session.verdicts(), session.maxSustainedRate(),
                        session.behindFirst(), references).write(options.json().get());
                progress.println("Figures written to " + options.json().get());
            }
        }
        return 0;
    }

    /** What the load part of a session gave, for the references and the JSON. */
    private record Session(String mode, List<RunResult> runs, List<StepVerdict> verdicts, Double maxSustainedRate,
                           String behindFirst, double sustainedRate, double backlineCpuMsPerReferral) {
    }

    private static Session findMax(BenchOptions options, LoadRun loadRun, ReportPrinter printer, PrintStream out)
            throws InterruptedException {
        FindMax.Outcome outcome = new FindMax(loadRun, out).run(new FindMax.Ramp(options.startRate(),
                options.rateStep(), options.rateFactor(), options.stepDuration(), options.maxSteps()));
        RunResult shown = outcome.maxSustained().orElse(outcome.steps().get(outcome.steps().size() - 1));
        printer.print(shown);
        printer.findMax(outcome);
        Double maxSustained = outcome.maxSustained().map(RunResult::offeredRate).orElse(null);
        return new Session("find-max", outcome.steps(), outcome.verdicts(), maxSustained,
                outcome.behindFirst().orElse(null), maxSustained == null ? 0 : maxSustained,
                shown.backlineCpuMsPerReferral());
    }

    private static Session oneRun(BenchOptions options, LoadRun loadRun, ReportPrinter printer)
            throws InterruptedException {
        RunResult result = options.erProbe()
                ? loadRun.run(String.format(Locale.ROOT, "ER probe: routine mix at %.1f/s, ER at %.1f/s",
                        options.rate(), options.erRate()), erProbe(options))
                : loadRun.run(String.format(Locale.ROOT, "open loop at %.1f/s", options.rate()),
                        ArrivalPlan.steady(options.rate(), options.duration(), PathwayMix.standard()));
        printer.print(result);
        // What it sustained: the offered rate when it kept up, what it managed while busy when it fell behind.
        return new Session(options.erProbe() ? "er-probe" : "open-loop", List.of(result), List.of(), null, null,
                Math.min(result.offeredRate(), result.busyCompletionRate()), result.backlineCpuMsPerReferral());
    }

    /** The routine mix at --rate with ER referrals beside it at --er-rate, for as long. */
    private static ArrivalPlan erProbe(BenchOptions options) {
        return ArrivalPlan.steady(options.rate(), options.duration(), PathwayMix.routine())
                .with(ArrivalPlan.steady(options.erRate(), options.duration(), PathwayMix.only(Pathway.ER_REFERRAL)));
    }
}
