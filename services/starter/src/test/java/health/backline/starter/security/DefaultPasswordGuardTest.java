package health.backline.starter.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultPasswordGuardTest {

    private static final SecurityProperties CONTRACT_DEFAULTS = new SecurityProperties(Map.of(
            "admin", new SecurityProperties.User("admin", Role.ADMIN),
            "clinician", new SecurityProperties.User("clinician", Role.CLINICIAN)), 4, Duration.ofMinutes(5));

    @Test
    void a_deployment_with_the_default_passwords_refuses_to_start_and_names_the_users() {
        assertThatThrownBy(() -> new DefaultPasswordGuard(CONTRACT_DEFAULTS, false).afterPropertiesSet())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[admin, clinician]")
                .hasMessageContaining("BACKLINE_SECURITY_USERS_ADMIN_PASSWORD");
    }

    @Test
    void the_embedded_default_keeps_its_default_passwords() {
        assertThatCode(() -> new DefaultPasswordGuard(CONTRACT_DEFAULTS, true).afterPropertiesSet()).doesNotThrowAnyException();
    }

    @Test
    void a_deployment_with_its_own_passwords_starts() {
        var own = new SecurityProperties(Map.of("admin", new SecurityProperties.User("s3cret-Rotated", Role.ADMIN)), 4, Duration.ofMinutes(5));
        assertThatCode(() -> new DefaultPasswordGuard(own, false).afterPropertiesSet()).doesNotThrowAnyException();
    }
}
