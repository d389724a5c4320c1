package health.backline.intake.deployment;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Outside the embedded default, a weak password stops the service before it answers anyone. (The test database's
 * own password is weak too and named in the same message; each test looks for the user password it set.)
 */
class WeakPasswordsIT {

    private static final List<String> USERS = List.of("frontdesk", "clinician", "lead", "scheduler", "admin");

    @Test
    void a_service_refuses_to_start_with_the_env_example_admin_placeholder() {
        assertRefused("admin", "change-me-admin-password", "is a known placeholder");
    }

    @Test
    void a_service_refuses_to_start_with_admin_whatever_its_case() {
        assertRefused("admin", "Admin", "is a known placeholder");
    }

    @Test
    void a_service_refuses_to_start_with_an_empty_password() {
        assertRefused("clinician", "", "is empty");
    }

    @Test
    void a_service_refuses_to_start_with_a_password_shorter_than_twelve_characters() {
        assertRefused("lead", "short-pw", "is shorter than 12 characters");
    }

    private static void assertRefused(String user, String password, String why) {
        String[] settings = Stream.concat(
                Stream.of("backline.security.embedded-default=false"),
                USERS.stream().map(name -> "backline.security.users." + name + ".password="
                        + (name.equals(user) ? password : "a-strong-password-for-" + name)))
                .toArray(String[]::new);

        assertThatThrownBy(() -> IntakeInstance.start(settings).close())
                .rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Refusing to start")
                .hasMessageContaining("backline.security.users." + user + ".password " + why)
                .hasMessageNotContaining("backline.security.users." + (user.equals("admin") ? "lead" : "admin"));
    }
}
