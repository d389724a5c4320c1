package health.backline.starter.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.ApplicationListener;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs before Spring Security on every request that signs in (an {@code Authorization: Basic} header, or the login
 * form posted to {@code /login}): while the user or the client address has failed too often ({@link LoginThrottle}),
 * the request is answered {@code 429} with {@code Retry-After} and a problem document, and no password is checked.
 * A password that matched within {@code backline.security.verified-passwords-for} ({@link VerifiedPasswords}) still
 * gets in: checking it is an HMAC, not a BCrypt, and only the real password can be remembered, so a user whose name
 * is under attack keeps working while the attacker is refused.
 *
 * <p>It also counts the failures: Spring Security publishes an {@link AuthenticationFailureBadCredentialsEvent} for
 * each wrong password or unknown user, Basic and form alike, with the client address in its details.
 */
public class LoginThrottleFilter extends OncePerRequestFilter
        implements ApplicationListener<AuthenticationFailureBadCredentialsEvent> {

    static final String TOO_MANY = "urn:backline:problem:too-many-failed-sign-ins";

    private final LoginThrottle throttle;
    private final UserDetailsService users;
    private final PasswordEncoder passwords;
    private final ObjectMapper json = new ObjectMapper();

    public LoginThrottleFilter(LoginThrottle throttle, UserDetailsService users, PasswordEncoder passwords) {
        this.throttle = throttle;
        this.users = users;
        this.passwords = passwords;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Credentials credentials = credentialsOf(request);
        if (credentials != null) {
            Duration wait = throttle.waitFor(known(credentials.user()) ? credentials.user() : null, request.getRemoteAddr());
            if (!wait.isZero() && !remembered(credentials)) {
                refuse(request, response, wait);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    @Override
    public void onApplicationEvent(AuthenticationFailureBadCredentialsEvent event) {
        String name = event.getAuthentication().getName();
        Object details = event.getAuthentication().getDetails();
        String address = details instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        throttle.failed(known(name) ? name : null, address);
    }

    private record Credentials(String user, String password) {
    }

    private static Credentials credentialsOf(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.length() > 6 && header.substring(0, 6).equalsIgnoreCase("Basic ")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? null : new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                return null; // not Base64: Spring Security refuses it
            }
        }
        if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())) {
            String user = request.getParameter("username");
            return user == null ? null : new Credentials(user, request.getParameter("password"));
        }
        return null;
    }

    private boolean known(String user) {
        if (user == null || user.isEmpty() || user.length() > 100) {
            return false;
        }
        try {
            return users.loadUserByUsername(user) != null;
        } catch (UsernameNotFoundException e) {
            return false;
        }
    }

    /** The user's password matched within the last few minutes: an HMAC, never a BCrypt. */
    private boolean remembered(Credentials credentials) {
        if (!(passwords instanceof VerifiedPasswords verified) || credentials.password() == null || !known(credentials.user())) {
            return false;
        }
        UserDetails user = users.loadUserByUsername(credentials.user());
        return verified.remembers(credentials.password(), user.getPassword());
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Duration wait) throws IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", TOO_MANY);
        problem.put("title", "Too many failed sign-ins");
        problem.put("status", 429);
        problem.put("detail", "Too many failed sign-ins for this user or from this address: try again in "
                + seconds + " s");
        problem.put("instance", request.getRequestURI());
        response.setStatus(429);
        response.setHeader("Retry-After", String.valueOf(seconds));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name().toLowerCase(Locale.ROOT));
        json.writeValue(response.getOutputStream(), problem);
    }
}
