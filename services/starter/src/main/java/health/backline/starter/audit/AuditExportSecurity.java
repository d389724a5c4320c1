package health.backline.starter.audit;

import health.backline.starter.security.ApiSecurity;
import health.backline.starter.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /audit.csv} is for admins, signed in either way: with the session of the audit page's login form (its
 * "Export as CSV" link) or with HTTP Basic (a script). Its own chain, ahead of every service's chains, because the
 * page chains know no HTTP Basic and the API chains no session.
 */
@Configuration(proxyBeanMethods = false)
public class AuditExportSecurity {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain auditExport(HttpSecurity http) throws Exception {
        return http.securityMatcher(ApiSecurity.anyOf("/audit.csv"))
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole(Role.ADMIN.name()))
                .httpBasic(Customizer.withDefaults())
                // A refused download is answered 401/403; nothing to remember for after a login.
                .requestCache(cache -> cache.disable())
                .build();
    }
}
