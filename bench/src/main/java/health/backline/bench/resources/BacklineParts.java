package health.backline.bench.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The processes and ports of a running embedded default, from the launcher's {@code backline.status.json} in its
 * data directory (the file {@code backline-local.jar status} reads). Kafka runs inside the launcher's own (tuned)
 * JVM; the JVM the user started only waits for it, and is counted with it.
 */
public final class BacklineParts {

    public static final String STATUS_FILE = "backline.status.json";
    private static final List<String> SERVICES = List.of("intake", "triage", "workflow", "scheduling");

    private final Map<String, JsonNode> parts;

    private BacklineParts(Map<String, JsonNode> parts) {
        this.parts = parts;
    }

    /** The parts recorded in {@code dataDirectory}; none when no launcher runs there. */
    public static BacklineParts read(Path dataDirectory) {
        Map<String, JsonNode> parts = new LinkedHashMap<>();
        Path file = dataDirectory.resolve(STATUS_FILE);
        if (Files.isRegularFile(file)) {
            try {
                new ObjectMapper().readTree(file.toFile()).path("parts")
                        .forEach(part -> parts.put(part.path("name").asText(), part));
            } catch (IOException unreadable) {
                // as if there were none: the bench then measures no processes and says so
            }
        }
        return new BacklineParts(parts);
    }

    public boolean isEmpty() {
        return parts.isEmpty();
    }

    /** The port a part serves, as the launcher recorded it. */
    public Optional<Integer> port(String part) {
        return Optional.ofNullable(parts.get(part)).map(p -> p.path("port").asInt()).filter(port -> port > 0);
    }

    /** The groups the bench reports CPU and memory for, in the report's order. */
    public List<ProcessGroup> groups() {
        List<ProcessGroup> groups = new ArrayList<>();
        for (String service : SERVICES) {
            pid(service).ifPresent(pid -> groups.add(new ProcessGroup(service, List.of(pid), false)));
        }
        Optional<Long> kafka = pid("kafka");
        Optional<Long> launcher = pid("launcher").filter(pid -> !kafka.equals(Optional.of(pid)));
        List<Long> kafkaAndLauncher = new ArrayList<>();
        kafka.ifPresent(kafkaAndLauncher::add);
        launcher.ifPresent(kafkaAndLauncher::add);
        if (!kafkaAndLauncher.isEmpty()) {
            groups.add(new ProcessGroup("kafka + launcher", kafkaAndLauncher, false));
        }
        pid("postgres").ifPresent(pid -> groups.add(new ProcessGroup("postgresql", List.of(pid), true)));
        return groups;
    }

    private Optional<Long> pid(String part) {
        return Optional.ofNullable(parts.get(part)).map(p -> p.path("pid").asLong()).filter(pid -> pid > 0);
    }
}
