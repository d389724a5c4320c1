package health.backline.starter.security;

import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.InitializingBean;

/**
 * The contract's default passwords (each user's own name) exist only in the embedded default: any
 * other deployment must bring its own, so a service that finds one refuses to start.
 */
class DefaultPasswordGuard implements InitializingBean {

    private final SecurityProperties security;
    private final boolean embeddedDefault;

    DefaultPasswordGuard(SecurityProperties security, boolean embeddedDefault) {
        this.security = security;
        this.embeddedDefault = embeddedDefault;
    }

    @Override
    public void afterPropertiesSet() {
        if (embeddedDefault) {
            return;
        }
        List<String> defaults = security.users().entrySet().stream()
                .filter(user -> user.getKey().equals(user.getValue().password()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        if (!defaults.isEmpty()) {
            throw new IllegalStateException("Refusing to start: users " + defaults + " still have the embedded default's "
                    + "passwords. Set backline.security.users.<name>.password (e.g. BACKLINE_SECURITY_USERS_ADMIN_PASSWORD), "
                    + "or run the embedded default (backline.security.embedded-default=true).");
        }
    }
}
