package health.backline.intake.security;

import static health.backline.events.security.ApiSecurity.roles;
import static health.backline.events.security.Role.ADMIN;
import static health.backline.events.security.Role.CLINICAL_LEAD;
import static health.backline.events.security.Role.CLINICIAN;
import static health.backline.events.security.Role.FRONT_DESK;

import health.backline.events.security.ApiSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** Who may do what with referrals (contract: API.md, Referrals). */
@Configuration(proxyBeanMethods = false)
class IntakeSecurity {

    @Bean
    SecurityFilterChain referralsApi(HttpSecurity http) throws Exception {
        return ApiSecurity.apiChain(http, auth -> auth
                .requestMatchers(HttpMethod.POST, "/api/referrals").hasRole(FRONT_DESK.name())
                .requestMatchers(HttpMethod.POST, "/api/referrals/*/cancel").hasAnyRole(roles(FRONT_DESK, CLINICAL_LEAD))
                .requestMatchers(HttpMethod.GET, "/api/referrals", "/api/referrals/**")
                .hasAnyRole(roles(FRONT_DESK, CLINICIAN, ADMIN)));
    }
}
