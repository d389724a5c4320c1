package health.backline.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabasePasswordsTest {

    @Test
    void a_new_data_directory_gets_a_password_per_role_for_its_owner_only_and_keeps_them(@TempDir Path data)
            throws IOException {
        Path file = data.resolve("database-passwords.properties");

        DatabasePasswords made = DatabasePasswords.loadOrCreate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(stored(file).stringPropertyNames()).containsExactlyInAnyOrder("superuser", "backline",
                "intake_runtime", "triage_runtime", "workflow_runtime", "scheduling_runtime");
        assertThat(ServiceCatalog.ALL.stream().map(made::runtime).distinct()).hasSize(ServiceCatalog.ALL.size())
                .doesNotContain(made.owner(), made.superuser());
        assertThat(DatabasePasswords.loadOrCreate(file)).isEqualTo(made);
        assertThat(made.toString()).doesNotContain(made.owner());
    }

    @Test
    void an_earlier_launchers_file_keeps_its_passwords_and_gets_the_runtime_roles_added(@TempDir Path data)
            throws IOException {
        Path file = data.resolve("database-passwords.properties");
        Files.writeString(file, "superuser=kept-superuser\nbackline=kept-owner\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        DatabasePasswords passwords = DatabasePasswords.loadOrCreate(file);

        assertThat(passwords.superuser()).isEqualTo("kept-superuser");
        assertThat(passwords.owner()).isEqualTo("kept-owner");
        assertThat(stored(file).getProperty("intake_runtime")).isEqualTo(passwords.runtime(ServiceCatalog.INTAKE))
                .hasSizeGreaterThanOrEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(data).isDirectoryNotContaining(path -> path.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void a_file_without_the_superusers_password_is_refused_since_nothing_can_make_it_again(@TempDir Path data)
            throws IOException {
        Path file = data.resolve("database-passwords.properties");
        Files.writeString(file, "backline=kept-owner\n");

        assertThatThrownBy(() -> DatabasePasswords.loadOrCreate(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("--fresh");
    }

    private static Properties stored(Path file) throws IOException {
        Properties stored = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            stored.load(in);
        }
        return stored;
    }
}
