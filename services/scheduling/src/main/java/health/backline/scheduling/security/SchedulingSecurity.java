package health.backline.scheduling.security;

import static health.backline.starter.security.ApiSecurity.roles;
import static health.backline.starter.security.Role.ADMIN;
import static health.backline.starter.security.Role.CLINICIAN;
import static health.backline.starter.security.Role.SCHEDULER;

import health.backline.starter.security.ApiSecurity;
import health.backline.starter.security.PageSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what with slots and appointments (contract: API.md, Scheduling). Schedulers and
 * admins see and add capacity; clinicians (and so clinical leads) may also look up a referral's
 * appointments. Schedulers book from the slot-issue page, which admins may look at.
 */
@Configuration(proxyBeanMethods = false)
class SchedulingSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain schedulingApi(HttpSecurity http) throws Exception {
        return ApiSecurity.apiPathsChain(http, auth -> auth
                .requestMatchers(HttpMethod.GET, "/api/slots", "/api/slots/*").hasAnyRole(roles(SCHEDULER, ADMIN))
                .requestMatchers(HttpMethod.POST, "/api/slots").hasAnyRole(roles(SCHEDULER, ADMIN))
                .requestMatchers(HttpMethod.GET, "/api/appointments").hasAnyRole(roles(SCHEDULER, CLINICIAN, ADMIN))
                .requestMatchers(HttpMethod.POST, "/api/appointments/*/attendance").hasAnyRole(roles(SCHEDULER, CLINICIAN)));
    }

    /**
     * Two pages: the slot-issue list, where schedulers book (admins look), and attendance, where schedulers and
     * clinicians record whether patients came (admins look). After signing in, attendance: the day's work.
     */
    @Bean
    @Order(2)
    SecurityFilterChain schedulingPages(HttpSecurity http) throws Exception {
        http.formLogin(form -> form.defaultSuccessUrl("/attendance"));
        return PageSecurity.pageChain(http, auth -> auth
                .requestMatchers(HttpMethod.GET, "/slot-issues").hasAnyRole(roles(SCHEDULER, ADMIN))
                .requestMatchers(HttpMethod.POST, "/slot-issues/*").hasRole(SCHEDULER.name())
                .requestMatchers(HttpMethod.GET, "/attendance").hasAnyRole(roles(SCHEDULER, CLINICIAN, ADMIN))
                .requestMatchers(HttpMethod.POST, "/attendance/*").hasAnyRole(roles(SCHEDULER, CLINICIAN)));
    }
}
