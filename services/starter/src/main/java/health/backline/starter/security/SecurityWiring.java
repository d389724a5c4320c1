package health.backline.starter.security;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/** The contract's users and roles, the same in every service. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityWiring {

    @Bean
    DefaultPasswordGuard defaultPasswordGuard(SecurityProperties properties,
                                              @Value("${backline.security.embedded-default:false}") boolean embeddedDefault) {
        return new DefaultPasswordGuard(properties, embeddedDefault);
    }

    @Bean
    PasswordEncoder passwordEncoder(SecurityProperties properties) {
        return new VerifiedPasswords(new BCryptPasswordEncoder(properties.bcryptStrength()),
                properties.verifiedPasswordsFor());
    }

    @Bean
    InMemoryUserDetailsManager backlineUsers(SecurityProperties properties, PasswordEncoder encoder) {
        List<UserDetails> users = properties.users().entrySet().stream()
                .map(entry -> User.withUsername(entry.getKey())
                        .password(encoder.encode(entry.getValue().password()))
                        .roles(entry.getValue().role().name())
                        .build())
                .toList();
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.CLINICAL_LEAD.name()).implies(Role.CLINICIAN.name())
                .build();
    }
}
