package health.backline.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class BannerTest {

    private final LocalSettings settings = LocalSettings.parse(List.of(), Map.of(), new Properties());

    private String banner(List<ServiceCatalog.Service> services) {
        return Banner.render(Duration.ofMillis(42_345), settings, services, "127.0.0.1:9092",
                "jdbc:postgresql://127.0.0.1:15432/backline", Path.of("/data/.backline/logs"),
                Path.of("/data/.backline/database-passwords.properties"));
    }

    @Test
    void tells_where_to_go_for_every_running_service_who_to_log_in_as_and_where_the_logs_are() {
        String banner = banner(ServiceCatalog.ALL);

        assertThat(banner).contains(
                "Backline is ready (42.3 s)",
                "http://127.0.0.1:8081/\n", "http://127.0.0.1:8081/referrals\n", "http://127.0.0.1:8081/api/referrals",
                "http://127.0.0.1:8082/api/triage",
                "http://127.0.0.1:8083/tasks\n", "http://127.0.0.1:8083/dashboard",
                "http://127.0.0.1:8083/camunda/app/", "http://127.0.0.1:8083/api/tasks",
                "http://127.0.0.1:8084/api/appointments", "http://127.0.0.1:8084/api/slots",
                "127.0.0.1:9092",
                "jdbc:postgresql://127.0.0.1:15432/backline  (user backline, password in"
                        + " /data/.backline/database-passwords.properties)",
                "Logs: /data/.backline/logs",
                "Status: java -jar ",
                "Ctrl-C stops everything.");
        assertThat(banner).containsPattern("frontdesk +frontdesk +FRONT_DESK")
                .containsPattern("clinician +clinician +CLINICIAN")
                .containsPattern("lead +lead +CLINICAL_LEAD")
                .containsPattern("scheduler +scheduler +SCHEDULER")
                .containsPattern("admin +admin +ADMIN");
    }

    @Test
    void names_only_the_services_that_run() {
        String banner = banner(List.of(ServiceCatalog.INTAKE, ServiceCatalog.TRIAGE));

        assertThat(banner).contains("http://127.0.0.1:8081/api/referrals", "http://127.0.0.1:8082/api/triage")
                .doesNotContain(":8083", ":8084");
    }

    @Test
    void without_services_there_are_no_users_to_show() {
        assertThat(banner(List.of())).contains("127.0.0.1:9092", "Ctrl-C stops everything.").doesNotContain("FRONT_DESK");
    }

    @Test
    void in_the_cluster_names_the_front_every_instance_and_the_kafka_nodes() {
        LocalSettings cluster = LocalSettings.parse(List.of("--cluster"), Map.of(), new Properties());

        String banner = Banner.render(Duration.ofSeconds(90), cluster, List.of(ServiceCatalog.INTAKE, ServiceCatalog.WORKFLOW),
                "127.0.0.1:9092,127.0.0.1:9102,127.0.0.1:9112", "jdbc:postgresql://127.0.0.1:15432/backline",
                Path.of("/data/.backline/logs"), Path.of("/data/.backline/database-passwords.properties"));

        assertThat(banner).contains("http://127.0.0.1:8081/api/referrals", "http://127.0.0.1:8183/tasks")
                .containsPattern("instances \\(front\\) +127.0.0.1:8181, 127.0.0.1:8281")
                .containsPattern("instances +127.0.0.1:8183, 127.0.0.1:8283")
                .containsPattern("Kafka +3 nodes +127.0.0.1:9092,127.0.0.1:9102,127.0.0.1:9112 +\\(topics: 3 copies,"
                        + " min.insync.replicas 2\\)");
    }
}
