package health.backline.local;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * What a running launcher started and how each part is doing ({@code <data-dir>/backline.status.json}),
 * rewritten on every change. {@code status} reads it; the next start reads it to name what an earlier launcher,
 * killed outright, left running.
 */
final class StatusFile {

    static final String FILE_NAME = "backline.status.json";
    static final String LAUNCHER = "launcher";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a part is doing. */
    enum State {
        STARTING, UP, RESTARTING, GAVE_UP, STOPPING;

        String label() {
            return name().toLowerCase().replace('_', ' ');
        }
    }

    /**
     * One part: its name, state, pid, a word its command line contains (against pid reuse), the port it serves,
     * when it started (epoch milliseconds), how often it was restarted and its log.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Part(String name, State state, long pid, String hint, int port, long startedAtMillis, int restarts,
                String log) {

        boolean isRunning() {
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (handle.isEmpty() || !handle.get().isAlive()) {
                return false;
            }
            // No visible command line: an exited process not yet reaped, or not ours.
            ProcessHandle.Info info = handle.get().info();
            return info.commandLine().or(info::command).map(commandLine -> commandLine.contains(hint)).orElse(false);
        }
    }

    /**
     * The whole record: the launcher's own pid first among the parts; with the cluster profile, where its Kafka nodes
     * are reached ({@code status} asks them about their partitions).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Snapshot(List<Part> parts, @JsonInclude(JsonInclude.Include.NON_NULL) String kafkaCluster) {

        Optional<Part> launcher() {
            return parts.stream().filter(part -> part.name().equals(LAUNCHER)).findFirst();
        }
    }

    private final Path file;

    StatusFile(Path dataDirectory) {
        this.file = dataDirectory.resolve(FILE_NAME);
    }

    Path path() {
        return file;
    }

    /** The record, if there is a readable one. */
    Optional<Snapshot> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Snapshot.class));
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    /** The recorded processes that still run. */
    List<Part> stillRunning() {
        return read().map(snapshot -> snapshot.parts().stream().filter(Part::isRunning).toList()).orElse(List.of());
    }

    /** Replaces the record in one step, so a reader never sees half of it. */
    void write(Snapshot snapshot) throws IOException {
        Path next = file.resolveSibling(FILE_NAME + ".next");
        JSON.writeValue(next.toFile(), snapshot);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale file is only read as a hint
        }
    }
}
