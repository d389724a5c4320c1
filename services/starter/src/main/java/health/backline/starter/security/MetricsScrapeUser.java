package health.backline.starter.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The user Prometheus scrapes {@code /actuator/prometheus} with, and nothing else: so the scraper never holds the
 * admin password. Not a user of the contract: it exists only when a password is set
 * ({@code BACKLINE_SECURITY_METRICS_PASSWORD}), and never in Camunda.
 */
@ConfigurationProperties("backline.security.metrics")
public record MetricsScrapeUser(String user, String password) {

    /** Its only role; no rule but the metrics endpoint's names it. */
    public static final String ROLE = "METRICS";

    boolean configured() {
        return password != null && !password.isEmpty();
    }
}
