package health.backline.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Backline services the launcher knows: name, default port and heap. A service runs when its jar,
 * {@code backline-<name>.jar}, is present in the services directory beside the launcher jar.
 */
public final class ServiceCatalog {

    /** One service: its name (also the jar's and the log's name), default port and default heap. */
    public record Service(String name, int defaultPort, String defaultHeap) {

        /** {@code backline-intake.jar} for intake. */
        public String jarName() {
            return "backline-" + name + ".jar";
        }

        /** {@code BACKLINE_INTAKE_PORT} for intake. */
        public String portVariable() {
            return "BACKLINE_" + name.toUpperCase(Locale.ROOT) + "_PORT";
        }

        /**
         * {@code intake_runtime} for intake: the database role the service runs as, which owns nothing and may not
         * change its audit trail (ADR 13). docker-compose.yml names them alike.
         */
        public String databaseRole() {
            return name + "_runtime";
        }

        /** {@code BACKLINE_INTAKE_HEAP} for intake. */
        public String heapVariable() {
            return "BACKLINE_" + name.toUpperCase(Locale.ROOT) + "_HEAP";
        }
    }

    public static final Service INTAKE = new Service("intake", 8081, "256m");
    public static final Service TRIAGE = new Service("triage", 8082, "256m");
    public static final Service WORKFLOW = new Service("workflow", 8083, "384m");
    public static final Service SCHEDULING = new Service("scheduling", 8084, "256m");

    /** In start-up and banner order. */
    public static final List<Service> ALL = List.of(INTAKE, TRIAGE, WORKFLOW, SCHEDULING);

    private ServiceCatalog() {
    }

    public static Optional<Service> named(String name) {
        return ALL.stream().filter(service -> service.name().equals(name)).findFirst();
    }

    /** The services whose jar is in {@code servicesDirectory}, in catalog order. */
    public static List<Service> present(Path servicesDirectory) {
        return ALL.stream()
                .filter(service -> Files.isRegularFile(servicesDirectory.resolve(service.jarName())))
                .toList();
    }
}
