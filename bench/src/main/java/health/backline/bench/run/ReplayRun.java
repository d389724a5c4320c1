package health.backline.bench.run;

import health.backline.bench.api.ReplayApi;
import health.backline.bench.api.ReplayApi.Timed;
import health.backline.bench.load.ArrivalPlan;
import health.backline.bench.load.PathwayMix;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rule replay's figure (issue 14: 10,000 stored decisions in under 10 s): makes sure triage holds at least
 * {@code decisions} decisions, submitting referrals through the public API at a steady rate when it holds fewer,
 * then replays every decision ever taken with the live table, {@code runs} times, and prints the durations.
 */
public final class ReplayRun {

    /** The live table, from the processes jar: what a lead would start a candidate from. */
    private static final String LIVE_TABLE = "processes/triage/red-flags.dmn";
    /** Before any decision Backline can hold. */
    private static final Instant EVER = Instant.parse("2000-01-01T00:00:00Z");

    private final ReplayApi api;
    private final LoadRun loadRun;
    private final PrintStream out;
    private final PrintStream progress;
    private final byte[] table;

    public ReplayRun(ReplayApi api, LoadRun loadRun, PrintStream out, PrintStream progress) {
        this.api = api;
        this.loadRun = loadRun;
        this.out = out;
        this.progress = progress;
        this.table = liveTable();
    }

    /** Exit code 0 when every replay answered 200. */
    public int run(int decisions, int runs, double seedRate) throws IOException, InterruptedException {
        long stored = evaluated(replay());
        if (stored < decisions) {
            long missing = decisions - stored;
            Duration length = Duration.ofMillis((long) Math.ceil(missing * 1000 / seedRate));
            progress.printf(Locale.ROOT, "Triage holds %d decisions; submitting %d referrals at %.1f/s (%d s)%n",
                    stored, missing, seedRate, length.toSeconds());
            long start = System.nanoTime();
            loadRun.run(String.format(Locale.ROOT, "seeding at %.1f/s", seedRate),
                    ArrivalPlan.steady(seedRate, length, PathwayMix.standard()));
            stored = evaluated(replay());
            out.printf(Locale.ROOT, "Seeding: %d referrals submitted and followed in %d s; triage now holds %d%n",
                    missing, Duration.ofNanos(System.nanoTime() - start).toSeconds(), stored);
        }
        List<Duration> took = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Timed replay = replay();
            if (replay.answer().status() != 200) {
                out.println("Replay answered " + replay.answer().status() + ": " + replay.answer().body());
                return 1;
            }
            took.add(replay.took());
            out.printf(Locale.ROOT, "Replay %d: %d decisions evaluated in %d ms (%d changed)%n", i + 1,
                    evaluated(replay), replay.took().toMillis(), replay.answer().body().path("changed").size());
        }
        Distribution distribution = Distribution.of(took);
        out.printf(Locale.ROOT, "Replay of %d decisions, %d runs: median %.0f ms, max %.0f ms%n", stored, runs,
                distribution.p50(), distribution.max());
        return 0;
    }

    private Timed replay() throws IOException, InterruptedException {
        return api.replay(table, EVER, Instant.now().plusSeconds(60));
    }

    private static long evaluated(Timed replay) {
        if (replay.answer().status() != 200) {
            throw new IllegalStateException("Replay answered " + replay.answer().status() + ": "
                    + replay.answer().body());
        }
        return replay.answer().body().path("evaluated").asLong();
    }

    private static byte[] liveTable() {
        try (InputStream in = ReplayRun.class.getClassLoader().getResourceAsStream(LIVE_TABLE)) {
            if (in == null) {
                throw new IllegalStateException(LIVE_TABLE + " is not on the class path (the processes jar)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
