package health.backline.intake.security;

import static health.backline.starter.security.ApiSecurity.roles;
import static health.backline.starter.security.Role.ADMIN;
import static health.backline.starter.security.Role.CLINICAL_LEAD;
import static health.backline.starter.security.Role.CLINICIAN;
import static health.backline.starter.security.Role.FRONT_DESK;

import health.backline.starter.security.ApiSecurity;
import health.backline.starter.security.PageSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/** Who may do what with referrals (contract: API.md, Referrals), in the API and on the pages. */
@Configuration(proxyBeanMethods = false)
class IntakeSecurity {

    /** The FHIR facade: the same roles as the matching API calls; the CapabilityStatement is for anyone. */
    @Bean
    @Order(0)
    SecurityFilterChain referralsFhir(HttpSecurity http) throws Exception {
        return ApiSecurity.chainFor(http, auth -> auth
                .requestMatchers(HttpMethod.GET, "/fhir/metadata").permitAll()
                .requestMatchers(HttpMethod.POST, "/fhir", "/fhir/", "/fhir/ServiceRequest").hasRole(FRONT_DESK.name())
                .requestMatchers(HttpMethod.GET, "/fhir/ServiceRequest", "/fhir/ServiceRequest/**", "/fhir/Task",
                        "/fhir/Task/**").hasAnyRole(roles(FRONT_DESK, CLINICIAN, ADMIN)), "/fhir", "/fhir/**");
    }

    @Bean
    @Order(1)
    SecurityFilterChain referralsApi(HttpSecurity http) throws Exception {
        return ApiSecurity.apiPathsChain(http, auth -> auth
                .requestMatchers(HttpMethod.POST, "/api/referrals").hasRole(FRONT_DESK.name())
                .requestMatchers(HttpMethod.POST, "/api/referrals/*/cancel").hasAnyRole(roles(FRONT_DESK, CLINICAL_LEAD))
                .requestMatchers(HttpMethod.POST, "/api/referrals/*/findings")
                .hasAnyRole(roles(FRONT_DESK, CLINICIAN, CLINICAL_LEAD))
                .requestMatchers(HttpMethod.GET, "/api/referrals", "/api/referrals/**")
                .hasAnyRole(roles(FRONT_DESK, CLINICIAN, ADMIN)));
    }

    /**
     * The intake form is the front desk's; the board and a referral's page are for everyone who
     * follows referrals; new findings come from the front desk and clinicians. After signing in, the front desk lands on the intake form, everyone else on
     * the board (or on the page they asked for before signing in).
     */
    @Bean
    @Order(2)
    SecurityFilterChain frontDeskPages(HttpSecurity http) throws Exception {
        http.formLogin(form -> form.successHandler(landingPage()));
        return PageSecurity.pageChain(http, auth -> auth
                .requestMatchers("/", "/intake", "/intake/**").hasRole(FRONT_DESK.name())
                .requestMatchers(HttpMethod.POST, "/referrals/*/cancel").hasAnyRole(roles(FRONT_DESK, CLINICAL_LEAD))
                .requestMatchers(HttpMethod.POST, "/referrals/*/findings")
                .hasAnyRole(roles(FRONT_DESK, CLINICIAN, CLINICAL_LEAD))
                .requestMatchers("/referrals", "/referrals/**").hasAnyRole(roles(FRONT_DESK, CLINICIAN, ADMIN)));
    }

    private static AuthenticationSuccessHandler landingPage() {
        SavedRequestAwareAuthenticationSuccessHandler intakeForm = new SavedRequestAwareAuthenticationSuccessHandler();
        intakeForm.setDefaultTargetUrl("/");
        SavedRequestAwareAuthenticationSuccessHandler board = new SavedRequestAwareAuthenticationSuccessHandler();
        board.setDefaultTargetUrl("/referrals");
        return (request, response, authentication) -> {
            boolean frontDesk = authentication.getAuthorities().stream()
                    .anyMatch(authority -> authority.getAuthority().equals("ROLE_" + FRONT_DESK.name()));
            (frontDesk ? intakeForm : board).onAuthenticationSuccess(request, response, authentication);
        };
    }
}
