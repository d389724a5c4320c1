package health.backline.starter.apidocs;

import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.starter.config.StarterAutoConfiguration;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.ClassUtils;

/**
 * The API docs of every service (ADR 18): springdoc documents {@code /api/**} only
 * ({@code backline-defaults.properties}); the shared parts, the starter's own endpoints and each feature's
 * {@link ApiDocs} go in through one customizer; reading them needs a login ({@link ApiDocsSecurity}).
 */
@AutoConfiguration(after = StarterAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ApiDocsAutoConfiguration {

    /** A service with pages has the sign-in form (the starter's login page needs Thymeleaf). */
    private static final boolean SIGN_IN_PAGE = ClassUtils.isPresent("org.thymeleaf.spring6.SpringTemplateEngine",
            ApiDocsAutoConfiguration.class.getClassLoader());

    @Bean
    OpenApiCustomizer sharedApiParts(@Value("${spring.application.name}") String service, List<ApiDocs> features,
                                     ObjectMapper json) {
        return new SharedApiParts(service, features, json);
    }

    /** Before every service's own chains, which would otherwise take these paths for API or pages. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain apiDocsChain(HttpSecurity http) throws Exception {
        return ApiDocsSecurity.chain(http, SIGN_IN_PAGE);
    }

    @Bean
    ApiDocs auditAndDeadLetterDocs() {
        return ApiDocs.of(
                OperationDocs.operation(HttpMethod.GET, "/api/audit",
                        "The audit trail of this service, newest first (admins)"),
                OperationDocs.operation(HttpMethod.GET, "/api/dead-letters",
                        "Dead-letter records of the topics this service consumes, newest first, without data (admins)"),
                OperationDocs.operation(HttpMethod.GET, "/api/dead-letters/{topic}/{partition}/{offset}",
                        "One dead-letter record (admins)"),
                OperationDocs.operation(HttpMethod.POST, "/api/dead-letters/{topic}/{partition}/{offset}/replay",
                                "Write the record back to its original topic, once, for its consumer group (admins)")
                        .problem(409, "Already replayed or discarded", null),
                OperationDocs.operation(HttpMethod.POST, "/api/dead-letters/{topic}/{partition}/{offset}/discard",
                                "Mark the record dealt with, once (admins)")
                        .problem(409, "Already replayed or discarded", null));
    }
}
