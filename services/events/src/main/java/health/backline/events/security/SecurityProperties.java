package health.backline.events.security;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The users a service accepts, by user name, and how hard their passwords are hashed in memory. */
@ConfigurationProperties("backline.security")
public record SecurityProperties(Map<String, User> users, int bcryptStrength) {

    public record User(String password, Role role) {
    }
}
