package health.backline.starter.apidocs;

import health.backline.starter.security.ApiSecurity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may read the API docs: anyone signed in, with any role. They name every endpoint and its rules, which is
 * nobody's business without a login. The JSON ({@code /v3/api-docs}) and Swagger UI take HTTP Basic: no login is
 * {@code 401}, and a browser asks for the user and password itself. On a service with pages, a browser is sent to
 * the sign-in form instead, and Swagger UI then reads the JSON in that session: one sign-in, as for the pages.
 */
final class ApiDocsSecurity {

    static final String[] PATHS = {"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html"};

    private ApiDocsSecurity() {
    }

    static SecurityFilterChain chain(HttpSecurity http, boolean signInPage) throws Exception {
        http.securityMatcher(ApiSecurity.anyOf(PATHS))
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults());
        if (signInPage) {
            // The page chain's sign-in form and session; the form's own post is the page chain's.
            http.formLogin(form -> form.loginPage("/login"));
        } else {
            http.csrf(csrf -> csrf.disable())
                    .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        }
        return http.build();
    }
}
