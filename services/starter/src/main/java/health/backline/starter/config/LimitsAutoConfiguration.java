package health.backline.starter.config;

import health.backline.starter.security.LoginThrottle;
import health.backline.starter.security.LoginThrottleFilter;
import health.backline.starter.web.RequestBodyLimit;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.util.unit.DataSize;

/**
 * What keeps a hostile client from exhausting a service: a cap on request bodies ({@link RequestBodyLimit}, first
 * of all filters, every path) and a limit on failed sign-ins ({@link LoginThrottleFilter}, just before Spring
 * Security). Both answer with problem documents: {@code 413} and {@code 429}.
 */
@AutoConfiguration(after = StarterAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class LimitsAutoConfiguration {

    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(@Value("${backline.http.max-body-size}") DataSize maxBodySize) {
        FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(
                new RequestBodyLimit(maxBodySize.toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1); // after the character encoding, before anything reads
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    LoginThrottle loginThrottle(@Value("${backline.security.login-throttle.failures-per-user}") int perUser,
                                @Value("${backline.security.login-throttle.failures-per-address}") int perAddress,
                                @Value("${backline.security.login-throttle.window}") Duration window) {
        return new LoginThrottle(new LoginThrottle.Limit(perUser, window), new LoginThrottle.Limit(perAddress, window));
    }

    /** A bean, so it hears Spring Security's failure events; registered as a filter once, before Spring Security. */
    @Bean
    LoginThrottleFilter loginThrottleFilter(LoginThrottle throttle, UserDetailsService users, PasswordEncoder passwords) {
        return new LoginThrottleFilter(throttle, users, passwords);
    }

    @Bean
    FilterRegistrationBean<LoginThrottleFilter> loginThrottleFilterRegistration(LoginThrottleFilter filter) {
        FilterRegistrationBean<LoginThrottleFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
