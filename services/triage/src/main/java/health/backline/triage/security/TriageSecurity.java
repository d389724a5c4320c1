package health.backline.triage.security;

import static health.backline.starter.security.ApiSecurity.roles;
import static health.backline.starter.security.Role.ADMIN;
import static health.backline.starter.security.Role.CLINICAL_LEAD;
import static health.backline.starter.security.Role.CLINICIAN;

import health.backline.starter.security.ApiSecurity;
import health.backline.starter.security.PageSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Clinicians (and so clinical leads) and admins may ask for an evaluation; clinical leads and admins may replay a
 * candidate table, through the API and on the replay page (contract: API.md, Triage and Governance).
 */
@Configuration(proxyBeanMethods = false)
class TriageSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain triageApi(HttpSecurity http) throws Exception {
        return ApiSecurity.apiPathsChain(http, auth -> auth
                .requestMatchers(HttpMethod.POST, "/api/triage/evaluate").hasAnyRole(roles(CLINICIAN, ADMIN))
                .requestMatchers(HttpMethod.POST, "/api/triage/replay").hasAnyRole(roles(CLINICAL_LEAD, ADMIN)));
    }

    /** The replay page is the only page; after signing in, everyone lands there (or on the page they asked for). */
    @Bean
    @Order(2)
    SecurityFilterChain triagePages(HttpSecurity http) throws Exception {
        http.formLogin(form -> form.defaultSuccessUrl("/replay"));
        return PageSecurity.pageChain(http, auth -> auth
                .requestMatchers("/replay").hasAnyRole(roles(CLINICAL_LEAD, ADMIN)));
    }
}
