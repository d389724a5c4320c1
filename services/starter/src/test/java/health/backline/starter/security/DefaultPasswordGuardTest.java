package health.backline.starter.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultPasswordGuardTest {

    private static final List<DeploymentPassword> CONTRACT_DEFAULTS = List.of(
            new DeploymentPassword("backline.security.users.admin.password", "admin", "admin"),
            new DeploymentPassword("backline.security.users.clinician.password", "clinician", "clinician"),
            new DeploymentPassword("backline.db.password", "backline", "backline"));

    @Test
    void a_deployment_with_the_default_passwords_refuses_to_start_and_names_the_settings_not_the_passwords() {
        assertThatThrownBy(() -> new DefaultPasswordGuard(CONTRACT_DEFAULTS, false).afterPropertiesSet())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("backline.security.users.admin.password is a known placeholder")
                .hasMessageContaining("backline.security.users.clinician.password is the user name")
                .hasMessageContaining("backline.db.password is a known placeholder")
                .hasMessageContaining("BACKLINE_SECURITY_USERS_ADMIN_PASSWORD")
                .hasMessageNotContaining("=clinician");
    }

    @Test
    void the_embedded_default_keeps_its_default_passwords() {
        assertThatCode(() -> new DefaultPasswordGuard(CONTRACT_DEFAULTS, true).afterPropertiesSet()).doesNotThrowAnyException();
    }

    @Test
    void a_deployment_with_its_own_strong_passwords_starts() {
        var own = List.of(new DeploymentPassword("backline.security.users.admin.password", "admin", "s3cret-Rotated-2026"));
        assertThatCode(() -> new DefaultPasswordGuard(own, false).afterPropertiesSet()).doesNotThrowAnyException();
    }
}
