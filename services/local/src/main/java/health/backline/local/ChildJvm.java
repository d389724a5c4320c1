package health.backline.local;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A program the launcher runs in a process of its own (a service's JVM, a Kafka node's), its output in a log file:
 * started afresh, an existing log kept as {@code <file>.1}; started again after it ended, the log going on after a
 * line saying why; stopped gracefully, then killed.
 */
final class ChildJvm {

    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logFile;
    private final Process process;
    private final long startedNanos;

    private ChildJvm(List<String> command, Map<String, String> environment, Path logFile, Process process) {
        this.command = command;
        this.environment = environment;
        this.logFile = logFile;
        this.process = process;
        this.startedNanos = System.nanoTime();
    }

    /** Starts {@code command} afresh, with {@code environment} added to this JVM's. */
    static ChildJvm start(List<String> command, Map<String, String> environment, Path logFile) throws IOException {
        Path log = prepareLog(logFile);
        if (Files.exists(log)) {
            Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
        return run(List.copyOf(command), Map.copyOf(environment), log, Redirect.to(log.toFile()));
    }

    /** The same command again after it ended: the log goes on in the same file, after a line saying why. */
    ChildJvm restart(String reason) throws IOException {
        Path log = prepareLog(logFile);
        Files.writeString(log, System.lineSeparator() + "=== " + reason + " ===" + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return run(command, environment, log, Redirect.appendTo(log.toFile()));
    }

    private static Path prepareLog(Path logFile) throws IOException {
        Path log = logFile.toAbsolutePath();
        Files.createDirectories(log.getParent());
        return log;
    }

    private static ChildJvm run(List<String> command, Map<String, String> environment, Path log, Redirect output)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output)
                .redirectInput(Redirect.from(nullFile()));
        builder.environment().putAll(environment);
        return new ChildJvm(command, environment, log, builder.start());
    }

    List<String> command() {
        return command;
    }

    Path logFile() {
        return logFile;
    }

    Process process() {
        return process;
    }

    /** Since the process was started. */
    Duration age() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /**
     * Asks the process (and any process it started) to stop, waits up to {@code grace}, then kills whatever is
     * left. Returns when all of them are gone.
     */
    void stop(Duration grace) {
        // Taken first: once the process ends, its children are no longer its descendants.
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        awaitExit(process.onExit(), deadline);
        descendants.forEach(child -> awaitExit(child.onExit(), deadline));
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        awaitExit(process.onExit(), System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
        descendants.forEach(child -> awaitExit(child.onExit(), System.nanoTime() + TimeUnit.SECONDS.toNanos(5)));
    }

    /**
     * Waits for an exit until the deadline. For the process itself this is {@link Process#onExit()}, which ends
     * only once {@link Process#isAlive()} says false too: its handle's future may end a moment before that.
     */
    private static void awaitExit(CompletableFuture<?> exit, long deadlineNanos) {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0 || exit.isDone()) {
            return;
        }
        try {
            exit.get(remaining, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception stillRunning) {
            // the caller kills it
        }
    }

    /** The last {@code lines} lines of the log file (fewer if it is shorter). */
    List<String> logTail(int lines) {
        return tail(logFile, lines);
    }

    static List<String> tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int chunk = (int) Math.min(length, 64 * 1024);
            byte[] bytes = new byte[chunk];
            in.seek(length - chunk);
            in.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
            return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException unreadable) {
            return List.of("(could not read " + file + ": " + unreadable.getMessage() + ")");
        }
    }

    private static File nullFile() {
        return new File(isWindows() ? "NUL" : "/dev/null");
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    }
}
