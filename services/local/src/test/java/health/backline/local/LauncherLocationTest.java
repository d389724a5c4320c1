package health.backline.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LauncherLocationTest {

    @Test
    void in_the_spring_boot_jar_the_launcher_is_the_outer_jar() {
        assertThat(LauncherLocation.pathOf("jar:nested:/repo/services/local/target/backline-local.jar/!BOOT-INF/classes/!/"))
                .isEqualTo(Path.of("/repo/services/local/target/backline-local.jar"));
    }

    @Test
    void escaped_characters_in_the_path_are_decoded() {
        assertThat(LauncherLocation.pathOf("jar:nested:/my%20repo/target/backline-local.jar/!BOOT-INF/classes/!/"))
                .isEqualTo(Path.of("/my repo/target/backline-local.jar"));
        assertThat(LauncherLocation.pathOf("file:/my%20repo/target/classes/"))
                .isEqualTo(Path.of("/my repo/target/classes"));
    }

    @Test
    void a_plain_jar_or_a_classes_directory_is_the_launcher_itself() {
        assertThat(LauncherLocation.pathOf("jar:file:/repo/target/backline-local.jar!/"))
                .isEqualTo(Path.of("/repo/target/backline-local.jar"));
        assertThat(LauncherLocation.pathOf("file:/repo/services/local/target/classes/"))
                .isEqualTo(Path.of("/repo/services/local/target/classes"));
    }

    @Test
    void run_from_classes_the_services_are_in_target_services() {
        Path services = LauncherLocation.servicesDirectory();

        assertThat(services.getFileName()).hasToString("services");
        assertThat(services.getParent().getFileName()).hasToString("target");
    }
}
