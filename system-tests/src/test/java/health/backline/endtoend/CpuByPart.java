package health.backline.endtoend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The CPU time the cluster's processes spend over a window, by part: the launcher's descendants (Kafka nodes,
 * service instances, the launcher's own JVM with intake's front), PostgreSQL (its postmaster and backends, which
 * pg_ctl leaves outside the launcher's tree) and this test's JVM. Read from /proc every second, so a process killed
 * in the window counts up to its last reading. Linux only, with the kernel's usual 100 clock ticks a second.
 */
final class CpuByPart {

    static final List<String> PARTS = List.of("workflow", "Kafka nodes", "PostgreSQL", "intake", "scheduling", "triage",
            "the test (load, checks)", "the launcher and intake's front");
    private static final double TICKS_PER_SECOND = 100;

    /** CPU seconds per part over a window of wall-clock time. */
    record Usage(Duration window, Map<String, Double> seconds) {

        double cores() {
            return total() / (window.toMillis() / 1000.0);
        }

        /** A table of milliseconds of CPU per referral, by part, and how many cores were busy. */
        String report(int referrals) {
            StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                    "CPU from the load's start to the end of the drain (%d s): %.2f of %d cores busy, %.0f ms per referral.%n%n"
                            + "| part | ms of CPU per referral |%n|---|---|%n",
                    window.toSeconds(), cores(), Runtime.getRuntime().availableProcessors(), perReferral(total(), referrals)));
            seconds.forEach((part, cpu) ->
                    table.append(String.format(Locale.ROOT, "| %s | %.1f |%n", part, perReferral(cpu, referrals))));
            return table.toString();
        }

        private double total() {
            return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        private static double perReferral(double cpuSeconds, int referrals) {
            return 1000 * cpuSeconds / referrals;
        }
    }

    private final ProcessHandle launcher;
    private final Path postmasterPidFile;
    private final Map<Long, Long> ticksAtStart = new ConcurrentHashMap<>();
    private final Map<Long, Long> latestTicks = new ConcurrentHashMap<>();
    private final Map<Long, String> partOfPid = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cpu-by-part");
        thread.setDaemon(true);
        return thread;
    });
    private Instant start;

    CpuByPart(ProcessHandle launcher, Path postmasterPidFile) {
        this.launcher = launcher;
        this.postmasterPidFile = postmasterPidFile;
    }

    void begin() {
        sample();
        ticksAtStart.putAll(latestTicks);
        start = Instant.now();
        sampler.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    Usage end() throws InterruptedException {
        sampler.shutdown();
        sampler.awaitTermination(10, TimeUnit.SECONDS);
        sample();
        return new Usage(Duration.between(start, Instant.now()), secondsByPart(ticksAtStart, latestTicks, partOfPid));
    }

    private void sample() {
        Stream.of(Stream.of(launcher), launcher.descendants(), postgres(), Stream.of(ProcessHandle.current()))
                .flatMap(processes -> processes).forEach(process -> {
            try {
                latestTicks.put(process.pid(), ticksOf(Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"))));
                partOfPid.computeIfAbsent(process.pid(), pid -> pid == ProcessHandle.current().pid()
                        ? "the test (load, checks)" : partOf(process.info().commandLine().orElse("")));
            } catch (IOException gone) {
                // Ended between listing and reading: its last reading stands.
            }
        });
    }

    private Stream<ProcessHandle> postgres() {
        try {
            long pid = Long.parseLong(Files.readAllLines(postmasterPidFile).get(0).trim());
            Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
            return postmaster.stream().flatMap(handle -> Stream.concat(Stream.of(handle), handle.descendants()));
        } catch (IOException | RuntimeException notRunning) {
            return Stream.empty();
        }
    }

    /** Which part a process of the cluster is, by its command line. */
    static String partOf(String commandLine) {
        if (commandLine.contains("-Dbackline.kafka.node=")) {
            return "Kafka nodes";
        }
        for (String service : List.of("intake", "triage", "workflow", "scheduling")) {
            if (commandLine.contains("backline-" + service + ".jar")) {
                return service;
            }
        }
        if (commandLine.startsWith("postgres") || commandLine.contains("bin/postgres")) {
            return "PostgreSQL";
        }
        return "the launcher and intake's front";
    }

    /** User and system time in clock ticks from a /proc/[pid]/stat line (the command name may hold spaces). */
    static long ticksOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Per part, in {@link #PARTS} order: what each process spent since the start, or since it began in the window. */
    static Map<String, Double> secondsByPart(Map<Long, Long> atStart, Map<Long, Long> latest, Map<Long, String> parts) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        PARTS.forEach(part -> seconds.put(part, 0.0));
        latest.forEach((pid, ticks) -> seconds.merge(parts.get(pid), (ticks - atStart.getOrDefault(pid, 0L)) / TICKS_PER_SECOND,
                Double::sum));
        return seconds;
    }
}
