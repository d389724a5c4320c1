package health.backline.workflow.security;

import static health.backline.starter.security.ApiSecurity.roles;
import static health.backline.starter.security.Role.ADMIN;
import static health.backline.starter.security.Role.CLINICAL_LEAD;
import static health.backline.starter.security.Role.CLINICIAN;
import static health.backline.starter.security.Role.SCHEDULER;

import health.backline.starter.security.ApiSecurity;
import health.backline.starter.security.PageSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The task API for the roles that work queues (each request is then checked against its queue), the outcomes and
 * the queues' deadline warnings for clinical leads and admins, Camunda REST for admins; the queue pages for the
 * same roles, the dashboard for admins. Cockpit,
 * Tasklist and Admin log users in themselves, with the same users and groups ({@code CamundaUsers}).
 *
 * <p>Camunda REST ({@code /engine-rest}) and the Camunda webapps ({@code /camunda}) are servlets of
 * their own beside Spring MVC's: their paths are matched on the whole path ({@link ApiSecurity#anyOf}),
 * or a pattern written for Spring MVC would miss them.
 */
@Configuration(proxyBeanMethods = false)
class WorkflowSecurity {

    /** Cockpit, Tasklist and Admin: their own login (Camunda's users) and their own CSRF protection. */
    @Bean
    @Order(0)
    SecurityFilterChain camundaWebapps(HttpSecurity http) throws Exception {
        return http.securityMatcher(ApiSecurity.anyOf("/camunda", "/camunda/**"))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain workflowApi(HttpSecurity http) throws Exception {
        return ApiSecurity.apiPathsChain(http, auth -> auth
                .requestMatchers(ApiSecurity.anyOf("/engine-rest/**")).hasRole(ADMIN.name())
                .requestMatchers("/api/tasks", "/api/tasks/**").hasAnyRole(roles(CLINICIAN, SCHEDULER, ADMIN))
                // Governance: outcomes, and every queue's deadline warnings for those who move work between
                // queues and people (ADR 21, 22).
                .requestMatchers("/api/outcomes", "/api/queues").hasAnyRole(roles(CLINICAL_LEAD, ADMIN)));
    }

    @Bean
    @Order(2)
    SecurityFilterChain workflowPages(HttpSecurity http) throws Exception {
        return PageSecurity.pageChain(http, auth -> auth
                .requestMatchers("/tasks", "/tasks/**").hasAnyRole(roles(CLINICIAN, SCHEDULER))
                .requestMatchers("/dashboard", "/dashboard/**").hasRole(ADMIN.name()));
    }
}
