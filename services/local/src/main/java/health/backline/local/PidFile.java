package health.backline.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records which processes a launcher started ({@code <data-dir>/backline.pids}), so that after a launcher was
 * killed outright (no shutdown hook ran) the next start can name what is still running instead of just
 * reporting a busy port.
 */
final class PidFile {

    static final String FILE_NAME = "backline.pids";
    static final String LAUNCHER = "launcher";

    /** A started process: what it is, its pid and a word its command line contains (against pid reuse). */
    record Entry(String name, long pid, String hint) {

        boolean isRunning() {
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (handle.isEmpty() || !handle.get().isAlive()) {
                return false;
            }
            // No visible command line: an exited process not yet reaped, or not ours.
            ProcessHandle.Info info = handle.get().info();
            return info.commandLine().or(info::command).map(commandLine -> commandLine.contains(hint)).orElse(false);
        }

        String line() {
            return name + " " + pid + " " + hint;
        }

        static Optional<Entry> parse(String line) {
            String[] parts = line.strip().split(" ", 3);
            if (parts.length != 3) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Entry(parts[0], Long.parseLong(parts[1]), parts[2]));
            } catch (NumberFormatException notAPid) {
                return Optional.empty();
            }
        }
    }

    private final Path file;

    PidFile(Path dataDirectory) {
        this.file = dataDirectory.resolve(FILE_NAME);
    }

    /** The recorded processes that still run. */
    List<Entry> stillRunning() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file).stream()
                    .map(Entry::parse)
                    .flatMap(Optional::stream)
                    .filter(Entry::isRunning)
                    .toList();
        } catch (IOException unreadable) {
            return List.of();
        }
    }

    void write(List<Entry> entries) throws IOException {
        List<String> lines = new ArrayList<>();
        entries.forEach(entry -> lines.add(entry.line()));
        Files.write(file, lines);
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale file is only read as a hint
        }
    }
}
