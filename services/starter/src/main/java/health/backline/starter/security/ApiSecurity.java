package health.backline.starter.security;

import java.util.Arrays;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The security every service's API shares: HTTP Basic, no session, health open, metrics for admins and the scrape
 * user, anything a service does not name is for admins. A service adds the rules of its own endpoints. The API docs
 * have a chain of their own ({@code health.backline.starter.apidocs}), before this one.
 */
public final class ApiSecurity {

    /** What machines call; everything else (pages) belongs to {@link PageSecurity}. */
    public static final String[] API_PATHS = {"/api/**", "/engine-rest/**", "/actuator/**", "/error"};

    public interface Rules extends Customizer<
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> {
    }

    private ApiSecurity() {
    }

    /** The only chain of a service without pages: every path is API. */
    public static SecurityFilterChain apiChain(HttpSecurity http, Rules serviceRules) throws Exception {
        return configure(http, serviceRules);
    }

    /** The API chain of a service that also has pages; run it before {@link PageSecurity#pageChain}. */
    public static SecurityFilterChain apiPathsChain(HttpSecurity http, Rules serviceRules) throws Exception {
        return configure(http.securityMatcher(anyOf(API_PATHS)), serviceRules);
    }

    /**
     * A chain of API rules for other paths than {@link #API_PATHS}, such as a service's FHIR endpoint; run it
     * before the service's other chains.
     */
    public static SecurityFilterChain chainFor(HttpSecurity http, Rules serviceRules, String... paths) throws Exception {
        return configure(http.securityMatcher(anyOf(paths)), serviceRules);
    }

    private static SecurityFilterChain configure(HttpSecurity http, Rules serviceRules) throws Exception {
        return http
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers("/actuator/health", "/actuator/health/**").permitAll();
                    auth.requestMatchers("/error").permitAll();
                    auth.requestMatchers("/actuator/prometheus").hasAnyRole(Role.ADMIN.name(), MetricsScrapeUser.ROLE);
                    serviceRules.customize(auth);
                    auth.anyRequest().hasRole(Role.ADMIN.name());
                })
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /**
     * Matches the request path itself, whichever servlet serves it (Camunda REST is a Jersey
     * servlet, not Spring MVC).
     */
    public static RequestMatcher anyOf(String... paths) {
        return new OrRequestMatcher(Arrays.stream(paths)
                .map(path -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(path)).toList());
    }

    /** Spring's names for the given roles, for {@code hasAnyRole}. */
    public static String[] roles(Role... roles) {
        String[] names = new String[roles.length];
        for (int i = 0; i < roles.length; i++) {
            names[i] = roles[i].name();
        }
        return names;
    }
}
