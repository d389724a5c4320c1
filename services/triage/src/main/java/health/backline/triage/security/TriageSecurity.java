package health.backline.triage.security;

import static health.backline.starter.security.ApiSecurity.roles;
import static health.backline.starter.security.Role.ADMIN;
import static health.backline.starter.security.Role.CLINICIAN;

import health.backline.starter.security.ApiSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** Clinicians (and so clinical leads) and admins may ask for an evaluation (contract: API.md, Triage). */
@Configuration(proxyBeanMethods = false)
class TriageSecurity {

    @Bean
    SecurityFilterChain triageApi(HttpSecurity http) throws Exception {
        return ApiSecurity.apiChain(http, auth -> auth
                .requestMatchers(HttpMethod.POST, "/api/triage/evaluate").hasAnyRole(roles(CLINICIAN, ADMIN)));
    }
}
