package health.backline.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code java -jar backline-local.jar status}: each part of a running Backline with its state, pid, port, uptime,
 * restarts and memory (RSS and PSS), read from the launcher's status file and the processes themselves.
 *
 * <p>Exit code 0 when every part is up, 3 when Backline is not running or a part is not up (as {@code systemctl
 * status} does).
 */
final class StatusCommand {

    static final int ALL_UP = 0;
    static final int NOT_ALL_UP = 3;

    private static final String KAFKA_NODE = "kafka-";
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(5);
    private static final String ROW = "  %-13s %-11s %8s %6s %10s %9s %10s %10s%n";

    private StatusCommand() {
    }

    static int print(Path dataDirectory, PrintStream out) throws InterruptedException {
        Optional<StatusFile.Snapshot> snapshot = new StatusFile(dataDirectory).read();
        Optional<StatusFile.Part> launcher = snapshot.flatMap(StatusFile.Snapshot::launcher)
                .filter(StatusFile.Part::isRunning);
        if (snapshot.isEmpty() || launcher.isEmpty()) {
            out.println("Backline is not running from " + dataDirectory + ".");
            return NOT_ALL_UP;
        }
        Instant now = Instant.now();
        out.println("Backline runs from " + dataDirectory + " (launcher pid " + launcher.get().pid() + ", up "
                + uptime(launcher.get(), now) + ").");
        out.println();
        out.printf(Locale.ROOT, ROW, "part", "state", "pid", "port", "uptime", "restarts", "RSS", "PSS");
        ProcessMemory total = ProcessMemory.NONE;
        boolean allUp = true;
        for (StatusFile.Part part : snapshot.get().parts()) {
            boolean alive = part.isRunning();
            boolean expectedDown = part.state() == StatusFile.State.GAVE_UP || part.state() == StatusFile.State.RESTARTING;
            String state = alive || expectedDown ? part.state().label() : "not running";
            allUp &= alive && part.state() == StatusFile.State.UP;
            Optional<ProcessMemory> memory = memoryOf(part, alive, launcher.get().pid());
            total = total.plus(memory.orElse(ProcessMemory.NONE));
            out.printf(Locale.ROOT, ROW, part.name(), state, part.pid(), part.port() == 0 ? "" : part.port(),
                    alive ? uptime(part, now) : "", part.name().equals(StatusFile.LAUNCHER) ? "" : part.restarts(),
                    memory.map(m -> ProcessMemory.mib(m.rssKib())).orElse(inLauncherLabel(part, launcher.get().pid())),
                    memory.map(m -> ProcessMemory.mib(m.pssKib())).orElse(inLauncherLabel(part, launcher.get().pid())));
        }
        out.printf(Locale.ROOT, ROW, "total", "", "", "", "", "", ProcessMemory.mib(total.rssKib()),
                ProcessMemory.mib(total.pssKib()));
        out.println();
        out.println("RSS counts shared pages once per process (PostgreSQL's shared buffers once per backend);"
                + " PSS shares them out, so its total is what the machine spends.");
        if (snapshot.get().kafkaCluster() != null) {
            allUp &= printKafkaCluster(snapshot.get(), out);
        }
        return allUp ? ALL_UP : NOT_ALL_UP;
    }

    /** The cluster profile's Kafka as its nodes see it; whether it is all well. */
    private static boolean printKafkaCluster(StatusFile.Snapshot snapshot, PrintStream out) throws InterruptedException {
        int nodes = (int) snapshot.parts().stream().filter(part -> part.name().startsWith(KAFKA_NODE)).count();
        Optional<KafkaClusterHealth> health = KafkaClusterHealth.ask(snapshot.kafkaCluster(), KAFKA_TIMEOUT);
        out.println();
        if (health.isEmpty()) {
            out.println("Kafka: no node at " + snapshot.kafkaCluster() + " answered within " + KAFKA_TIMEOUT.toSeconds()
                    + " s.");
            return false;
        }
        health.get().lines(nodes).forEach(out::println);
        return health.get().allWell(nodes);
    }

    /**
     * The single Kafka broker and the cluster's intake front run in the launcher's tuned JVM ({@link TunedJvm}), whose
     * memory their row shows; where there is no second JVM (started from classes, as in tests) it is the launcher's
     * own, counted once, in its row. PostgreSQL counts its backends.
     */
    private static Optional<ProcessMemory> memoryOf(StatusFile.Part part, boolean alive, long launcherPid) {
        if (!alive || inLauncher(part, launcherPid)) {
            return Optional.empty();
        }
        return part.name().equals(LocalBackline.POSTGRES)
                ? Optional.of(ProcessMemory.ofTree(part.pid()))
                : ProcessMemory.of(part.pid());
    }

    private static boolean inLauncher(StatusFile.Part part, long launcherPid) {
        return !part.name().equals(StatusFile.LAUNCHER) && part.pid() == launcherPid;
    }

    private static String inLauncherLabel(StatusFile.Part part, long launcherPid) {
        return inLauncher(part, launcherPid) ? "(launcher)" : "";
    }


    static String uptime(StatusFile.Part part, Instant now) {
        Duration up = Duration.between(Instant.ofEpochMilli(part.startedAtMillis()), now);
        if (up.isNegative()) {
            up = Duration.ZERO;
        }
        if (up.toHours() > 0) {
            return String.format(Locale.ROOT, "%dh %02dm", up.toHours(), up.toMinutesPart());
        }
        return String.format(Locale.ROOT, "%dm %02ds", up.toMinutes(), up.toSecondsPart());
    }
}
