package health.backline.starter.security;

import java.util.List;
import org.springframework.beans.factory.InitializingBean;

/**
 * The contract's default passwords (each user's own name) exist only in the embedded default: any other deployment
 * must bring its own, strong ones ({@link PasswordPolicy}), for every user and for the database, so a service that
 * finds a weak one refuses to start. The message names the settings, never the passwords.
 */
class DefaultPasswordGuard implements InitializingBean {

    private final List<DeploymentPassword> passwords;
    private final boolean embeddedDefault;

    DefaultPasswordGuard(List<DeploymentPassword> passwords, boolean embeddedDefault) {
        this.passwords = passwords;
        this.embeddedDefault = embeddedDefault;
    }

    @Override
    public void afterPropertiesSet() {
        if (embeddedDefault) {
            return;
        }
        List<String> weak = passwords.stream()
                .flatMap(password -> PasswordPolicy.weakness(password.user(), password.password()).stream()
                        .map(why -> password.setting() + " " + why))
                .sorted()
                .toList();
        if (!weak.isEmpty()) {
            throw new IllegalStateException("Refusing to start: weak passwords: " + weak + ". Outside the embedded "
                    + "default every password needs " + PasswordPolicy.SHORTEST + " characters or more, and may be "
                    + "neither its user's name nor a placeholder. Set e.g. BACKLINE_SECURITY_USERS_ADMIN_PASSWORD, or run "
                    + "the embedded default (backline.security.embedded-default=true).");
        }
    }
}
