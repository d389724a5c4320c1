package health.backline.starter.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;

/**
 * The security of a service's web pages: a login form (the shared {@code /login} page), CSRF
 * tokens on every form, a session that expires ({@code server.servlet.session.timeout}), and the
 * service's rules per page. The audit page is for admins. Unknown pages need a login.
 */
public final class PageSecurity {

    private PageSecurity() {
    }

    /**
     * A page the role may not open: 403 with the sign-in page and a notice. A refused form post (wrong
     * role, missing or stale CSRF token) is a plain 403, never forwarded to the sign-in form, which
     * would take it for a failed sign-in.
     */
    private static void refuse(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, ServletException {
        if ("GET".equals(request.getMethod())) {
            SIGN_IN_AGAIN.handle(request, response, denied);
        } else {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Not allowed: sign in again or ask for the right role");
        }
    }

    private static final AccessDeniedHandlerImpl SIGN_IN_AGAIN = new AccessDeniedHandlerImpl();

    static {
        SIGN_IN_AGAIN.setErrorPage("/login?denied");
    }

    public static SecurityFilterChain pageChain(HttpSecurity http, ApiSecurity.Rules pageRules) throws Exception {
        return http
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers("/login", "/backline.css", "/webjars/**", "/favicon.ico").permitAll();
                    auth.requestMatchers("/audit").hasRole(Role.ADMIN.name());
                    pageRules.customize(auth);
                    auth.anyRequest().authenticated();
                })
                .formLogin(form -> form.loginPage("/login").permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .exceptionHandling(errors -> errors.accessDeniedHandler(PageSecurity::refuse))
                .build();
    }
}
