package health.backline.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The few lines printed once everything is up: where to go, who to log in as, where the logs are. */
final class Banner {

    /** A page or API a service offers, for the banner. */
    private record Page(String label, String path) {
    }

    /** A default user of the embedded default, from the public contract. */
    record User(String name, String password, String role) {
    }

    private static final Map<String, List<Page>> PAGES = Map.of(
            "intake", List.of(new Page("intake form", "/"), new Page("referral board", "/referrals"),
                    new Page("API", "/api/referrals")),
            "triage", List.of(new Page("API", "/api/triage")),
            "workflow", List.of(new Page("task queues", "/tasks"), new Page("dashboard", "/dashboard"),
                    new Page("Cockpit, Tasklist", "/camunda/app/"), new Page("task API", "/api/tasks")),
            "scheduling", List.of(new Page("API", "/api/appointments"), new Page("", "/api/slots")));

    static final List<User> USERS = List.of(
            new User("frontdesk", "frontdesk", "FRONT_DESK"),
            new User("clinician", "clinician", "CLINICIAN"),
            new User("lead", "lead", "CLINICAL_LEAD"),
            new User("scheduler", "scheduler", "SCHEDULER"),
            new User("admin", "admin", "ADMIN"));

    private Banner() {
    }

    static String render(Duration readyIn, LocalSettings settings, List<ServiceCatalog.Service> services,
                         String kafkaBootstrap, String jdbcUrl, Path logDirectory, Path databasePasswords) {
        StringBuilder text = new StringBuilder();
        text.append('\n').append("Backline is ready (").append(seconds(readyIn)).append(").\n\n");
        for (ServiceCatalog.Service service : services) {
            String title = capitalised(service.name());
            for (Page page : PAGES.getOrDefault(service.name(), List.of(new Page("", "/")))) {
                row(text, title, page.label(), "http://" + settings.host() + ":" + settings.entryPortOf(service) + page.path());
                title = "";
            }
            if (settings.cluster()) {
                row(text, "", service.equals(ServiceCatalog.INTAKE) ? "instances (front)" : "instances",
                        settings.instancesOf(service).stream().map(instance -> settings.host() + ":" + instance.port())
                                .collect(Collectors.joining(", ")));
            }
        }
        row(text, "Kafka", settings.cluster() ? ClusterProfile.NODES + " nodes" : "", kafkaBootstrap
                + (settings.cluster() ? "  (topics: " + ClusterProfile.REPLICATION_FACTOR + " copies, min.insync.replicas "
                + ClusterProfile.MIN_INSYNC_REPLICAS + ")" : ""));
        row(text, "PostgreSQL", "", jdbcUrl + "  (user backline, password in " + databasePasswords + ")");
        if (!services.isEmpty()) {
            text.append("\n  Users          password       role\n");
            for (User user : USERS) {
                text.append(String.format(Locale.ROOT, "    %-12s %-14s %s%n", user.name(), user.password(), user.role()));
            }
        }
        text.append("\n  Logs: ").append(logDirectory).append('\n');
        text.append("  Status: ").append(statusCommand(settings)).append('\n');
        text.append("  Ctrl-C stops everything.\n");
        return text.toString();
    }

    /** The command that shows this Backline's status, as it can be typed in the current directory. */
    static String statusCommand(LocalSettings settings) {
        Path launcher = LauncherLocation.launcherPath().toAbsolutePath();
        Path here = Path.of("").toAbsolutePath();
        String jar = launcher.startsWith(here) ? here.relativize(launcher).toString() : launcher.toString();
        boolean defaultData = settings.dataDirectory().equals(here.resolve(LocalSettings.DEFAULT_DATA_DIR));
        return "java -jar " + jar + " status" + (defaultData ? "" : " --data-dir " + settings.dataDirectory());
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static void row(StringBuilder text, String title, String label, String where) {
        text.append(String.format(Locale.ROOT, "  %-12s %-18s %s%n", title, label, where));
    }

    private static String capitalised(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
