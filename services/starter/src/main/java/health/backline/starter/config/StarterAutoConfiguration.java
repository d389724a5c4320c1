package health.backline.starter.config;

import health.backline.starter.audit.AuditController;
import health.backline.starter.audit.AuditExportSecurity;
import health.backline.starter.audit.AuditPage;
import health.backline.starter.audit.AuditTrail;
import health.backline.starter.database.RuntimeRoleGrants;
import health.backline.starter.inbox.InboxWiring;
import health.backline.starter.kafka.KafkaWiring;
import health.backline.starter.outbox.OutboxWiring;
import health.backline.starter.security.SecurityWiring;
import health.backline.starter.tracing.TracingWiring;
import health.backline.starter.web.LoginPage;
import health.backline.starter.web.ProblemAdvice;
import health.backline.starter.web.StrictUtf8Bodies;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Everything a Backline service takes from the starter, switched on by having it on the classpath.
 * Intake validation is not here: only the services that read intakes import {@code IntakeValidation}.
 */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, JacksonAutoConfiguration.class})
@Import({KafkaWiring.class, OutboxWiring.class, InboxWiring.class, SecurityWiring.class, ProblemAdvice.class,
        StrictUtf8Bodies.class, AuditExportSecurity.class, TracingWiring.class})
public class StarterAutoConfiguration {

    /** The shared login page, for services that render pages. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.thymeleaf.spring6.SpringTemplateEngine")
    @Import(LoginPage.class)
    static class Pages {
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ZoneId clinicZone(@Value("${backline.clinic-zone}") String zone) {
        return ZoneId.of(zone);
    }

    @Bean
    AuditTrail auditTrail(JdbcClient jdbc, Clock clock, ZoneId clinicZone) {
        return new AuditTrail(jdbc, clock, clinicZone);
    }

    @Bean
    AuditController auditController(AuditTrail trail) {
        return new AuditController(trail);
    }

    /** Written without templates, so services without pages (triage, scheduling) show it too. */
    @Bean
    AuditPage auditPage(AuditTrail trail) {
        return new AuditPage(trail);
    }

    /** Flyway runs as the schema owner; the service runs as a role with only the rights it needs (ADR 13). */
    @Bean
    RuntimeRoleGrants runtimeRoleGrants(@Value("${spring.datasource.username}") String runtimeRole) {
        return new RuntimeRoleGrants(runtimeRole);
    }

    /** The outbox and inbox tables come with this module; each service's own migrations sit beside them. */
    @Bean
    FlywayConfigurationCustomizer sharedEventTables() {
        return configuration -> {
            var locations = new java.util.ArrayList<>(java.util.List.of(configuration.getLocations()));
            locations.add(new org.flywaydb.core.api.Location("classpath:db/backline-events"));
            configuration.locations(locations.toArray(org.flywaydb.core.api.Location[]::new));
        };
    }
}
