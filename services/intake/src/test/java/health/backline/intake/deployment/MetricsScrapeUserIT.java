package health.backline.intake.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;

/** Prometheus' user, as docker-compose.yml configures it: the metrics endpoint and nothing else. */
class MetricsScrapeUserIT {

    private static final String PASSWORD = "a-metrics-only-password";

    @Test
    void the_metrics_user_scrapes_prometheus_metrics_and_may_read_nothing_else() {
        try (ConfigurableApplicationContext intake = IntakeInstance.start("backline.security.metrics.password=" + PASSWORD)) {
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) intake).getWebServer().getPort();
            TestRestTemplate metrics = new TestRestTemplate("metrics", PASSWORD);

            assertThat(metrics.getForEntity(base + "/actuator/prometheus", String.class).getBody())
                    .contains("backline_outbox_unsent");
            for (String other : new String[] {"/api/referrals", "/api/audit", "/audit.csv"}) {
                assertThat(metrics.getForEntity(base + other, String.class).getStatusCode()).as(other)
                        .isEqualTo(HttpStatus.FORBIDDEN);
            }
            assertThat(new TestRestTemplate("metrics", "wrong").getForEntity(base + "/actuator/prometheus", String.class)
                    .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
    }
}
