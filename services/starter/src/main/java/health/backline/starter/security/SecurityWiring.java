package health.backline.starter.security;

import java.util.ArrayList;
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
@EnableConfigurationProperties({SecurityProperties.class, MetricsScrapeUser.class})
public class SecurityWiring {

    @Bean
    DefaultPasswordGuard defaultPasswordGuard(SecurityProperties properties, MetricsScrapeUser metrics,
                                              @Value("${backline.db.user}") String databaseUser,
                                              @Value("${backline.db.password}") String databasePassword,
                                              @Value("${backline.db.owner}") String databaseOwner,
                                              @Value("${backline.db.owner-password}") String databaseOwnerPassword,
                                              @Value("${backline.security.embedded-default:false}") boolean embeddedDefault) {
        List<DeploymentPassword> passwords = new ArrayList<>();
        properties.users().forEach((name, user) -> passwords.add(
                new DeploymentPassword("backline.security.users." + name + ".password", name, user.password())));
        if (metrics.configured()) {
            passwords.add(new DeploymentPassword("backline.security.metrics.password", metrics.user(), metrics.password()));
        }
        passwords.add(new DeploymentPassword("backline.db.password", databaseUser, databasePassword));
        passwords.add(new DeploymentPassword("backline.db.owner-password", databaseOwner, databaseOwnerPassword));
        return new DefaultPasswordGuard(passwords, embeddedDefault);
    }

    @Bean
    PasswordEncoder passwordEncoder(SecurityProperties properties) {
        return new VerifiedPasswords(new BCryptPasswordEncoder(properties.bcryptStrength()),
                properties.verifiedPasswordsFor());
    }

    @Bean
    InMemoryUserDetailsManager backlineUsers(SecurityProperties properties, MetricsScrapeUser metrics,
                                             PasswordEncoder encoder) {
        List<UserDetails> users = new ArrayList<>(properties.users().entrySet().stream()
                .map(entry -> User.withUsername(entry.getKey())
                        .password(encoder.encode(entry.getValue().password()))
                        .roles(entry.getValue().role().name())
                        .build())
                .toList());
        if (metrics.configured()) {
            users.add(User.withUsername(metrics.user()).password(encoder.encode(metrics.password()))
                    .roles(MetricsScrapeUser.ROLE).build());
        }
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.CLINICAL_LEAD.name()).implies(Role.CLINICIAN.name())
                .build();
    }
}
