package health.backline.events.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The security of a service's web pages: a login form (the shared {@code /login} page), CSRF
 * tokens on every form, a session that expires ({@code server.servlet.session.timeout}), and the
 * service's rules per page. Unknown pages need a login.
 */
public final class PageSecurity {

    private PageSecurity() {
    }

    public static SecurityFilterChain pageChain(HttpSecurity http, ApiSecurity.Rules pageRules) throws Exception {
        return http
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers("/login", "/backline.css", "/webjars/**", "/favicon.ico").permitAll();
                    pageRules.customize(auth);
                    auth.anyRequest().authenticated();
                })
                .formLogin(form -> form.loginPage("/login").permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .exceptionHandling(errors -> errors.accessDeniedPage("/login?denied"))
                .build();
    }
}
