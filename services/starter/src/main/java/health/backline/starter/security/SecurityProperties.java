package health.backline.starter.security;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The users a service accepts, by user name, how hard their passwords are hashed in memory, and how long a password
 * that matched is remembered ({@link VerifiedPasswords}).
 */
@ConfigurationProperties("backline.security")
public record SecurityProperties(Map<String, User> users, int bcryptStrength, Duration verifiedPasswordsFor) {

    public record User(String password, Role role) {
    }
}
