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

    private static final String ROW = "  %-11s %-11s %8s %6s %10s %9s %10s %10s%n";

    private StatusCommand() {
    }

    static int print(Path dataDirectory, PrintStream out) {
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
                    memory.map(m -> ProcessMemory.mib(m.rssKib())).orElse(inLauncher(part)),
                    memory.map(m -> ProcessMemory.mib(m.pssKib())).orElse(inLauncher(part)));
        }
        out.printf(Locale.ROOT, ROW, "total", "", "", "", "", "", ProcessMemory.mib(total.rssKib()),
                ProcessMemory.mib(total.pssKib()));
        out.println();
        out.println("RSS counts shared pages once per process (PostgreSQL's shared buffers once per backend);"
                + " PSS shares them out, so its total is what the machine spends.");
        return allUp ? ALL_UP : NOT_ALL_UP;
    }

    /**
     * Kafka runs in the launcher's tuned JVM ({@link TunedJvm}), whose memory its row shows; where there is no second
     * JVM (started from classes, as in tests) it is the launcher's own. PostgreSQL counts its backends.
     */
    private static Optional<ProcessMemory> memoryOf(StatusFile.Part part, boolean alive, long launcherPid) {
        if (!alive || (part.name().equals(LocalBackline.KAFKA) && part.pid() == launcherPid)) {
            return Optional.empty();
        }
        return part.name().equals(LocalBackline.POSTGRES)
                ? Optional.of(ProcessMemory.ofTree(part.pid()))
                : ProcessMemory.of(part.pid());
    }

    private static String inLauncher(StatusFile.Part part) {
        return part.name().equals(LocalBackline.KAFKA) ? "(launcher)" : "";
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
