package health.backline.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataDirectoryTest {

    /** Prepares the directory as a launcher does, and lets go of it again. */
    private static DataDirectory prepare(Path root, boolean fresh) throws Exception {
        DataDirectory.Prepared prepared = DataDirectory.prepare(root, fresh, Optional.empty());
        prepared.lock().close();
        return prepared.directory();
    }

    @Test
    void a_new_data_directory_is_created_for_its_owner_only_marked_and_given_a_logs_directory(@TempDir Path parent)
            throws Exception {
        DataDirectory data = prepare(parent.resolve(".backline"), false);

        assertThat(data.root()).isEqualTo(parent.resolve(".backline"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.root()))).isEqualTo("rwx------");
        assertThat(data.root().resolve(DataDirectory.MARKER)).isRegularFile();
        assertThat(data.root().resolve(DataDirectory.LAYOUT_FILE)).hasContent(String.valueOf(DataDirectory.LAYOUT));
        assertThat(data.logs()).isDirectory();
        assertThat(data.postgres()).isEqualTo(data.root().resolve("postgres"));
        assertThat(data.kafka()).isEqualTo(data.root().resolve("kafka"));
    }

    @Test
    void a_second_start_keeps_what_is_there(@TempDir Path parent) throws Exception {
        DataDirectory first = prepare(parent.resolve("data"), false);
        Files.createDirectories(first.postgres());
        Files.writeString(first.postgres().resolve("PG_VERSION"), "17");

        DataDirectory second = prepare(parent.resolve("data"), false);

        assertThat(second.postgres().resolve("PG_VERSION")).hasContent("17");
    }

    @Test
    void a_directory_opened_by_others_is_closed_to_them_again(@TempDir Path parent) throws Exception {
        Path root = Files.createDirectories(parent.resolve("data"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));

        prepare(root, false);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root))).isEqualTo("rwx------");
    }

    @Test
    void fresh_wipes_everything_first(@TempDir Path parent) throws Exception {
        DataDirectory first = prepare(parent.resolve("data"), false);
        Files.createDirectories(first.kafka().resolve("topic-0"));
        Files.writeString(first.kafka().resolve("topic-0/00000000000000000000.log"), "records");

        DataDirectory fresh = prepare(parent.resolve("data"), true);

        assertThat(fresh.kafka()).doesNotExist();
        assertThat(fresh.root().resolve(DataDirectory.MARKER)).isRegularFile();
        assertThat(fresh.logs()).isDirectory();
    }

    @Test
    void a_directory_of_an_earlier_layout_is_refused_with_the_hint_to_start_fresh(@TempDir Path parent) throws Exception {
        DataDirectory old = prepare(parent.resolve("data"), false);
        Files.delete(old.root().resolve(DataDirectory.LAYOUT_FILE));

        assertThatThrownBy(() -> prepare(old.root(), false))
                .isInstanceOf(DataDirectory.IncompatibleException.class)
                .hasMessage("The data directory " + old.root() + " was made by an earlier Backline (layout 1, this one"
                        + " needs 2). Start with --fresh to wipe it (the referrals in it are lost), or choose another"
                        + " with --data-dir.");

        assertThat(prepare(old.root(), true).root().resolve(DataDirectory.LAYOUT_FILE)).hasContent("2");
    }

    @Test
    void a_database_of_another_postgres_major_version_is_refused(@TempDir Path parent) throws Exception {
        DataDirectory data = prepare(parent.resolve("data"), false);
        Files.createDirectories(data.postgres());
        Files.writeString(data.postgres().resolve("PG_VERSION"), "16\n");

        assertThatThrownBy(() -> prepare(data.root(), false))
                .isInstanceOf(DataDirectory.IncompatibleException.class)
                .hasMessageContaining("PostgreSQL 16, this one runs 17");
    }

    @Test
    void a_directory_in_use_by_another_launcher_is_refused_with_its_pid(@TempDir Path parent) throws Exception {
        DataDirectory.Prepared first = DataDirectory.prepare(parent.resolve("data"), false, Optional.empty());
        try {
            assertThatThrownBy(() -> DataDirectory.lockExisting(parent.resolve("data")))
                    .isInstanceOfSatisfying(LauncherLock.HeldException.class, held ->
                            assertThat(held.holder()).hasValue(ProcessHandle.current().pid()));
            assertThatThrownBy(() -> DataDirectory.prepare(parent.resolve("data"), true, Optional.empty()))
                    .isInstanceOf(LauncherLock.HeldException.class);
            assertThat(first.directory().root().resolve(DataDirectory.MARKER)).exists();
        } finally {
            first.lock().close();
        }
        DataDirectory.lockExisting(parent.resolve("data")).orElseThrow().close();
    }

    @Test
    void too_little_free_space_is_named_with_the_room_needed(@TempDir Path parent) {
        assertThat(DataDirectory.lowSpace(parent, 300L << 20, DataDirectory.MINIMUM_FREE_BYTES)).hasValue(
                "Disk full: " + parent + " has 300 MiB free, and Backline needs at least 1,024 MiB for its database,"
                        + " Kafka and logs. Free some space, or choose a data directory on another disk with --data-dir.");
        assertThat(DataDirectory.lowSpace(parent, 2L << 30, DataDirectory.MINIMUM_FREE_BYTES)).isEmpty();
    }

    @Test
    void an_existing_empty_directory_may_become_the_data_directory(@TempDir Path empty) throws Exception {
        assertThat(prepare(empty, false).root().resolve(DataDirectory.MARKER)).isRegularFile();
    }

    @Test
    void a_directory_full_of_something_else_is_never_used_or_wiped(@TempDir Path home) throws IOException {
        Files.writeString(home.resolve("thesis.tex"), "precious");

        assertThatThrownBy(() -> prepare(home, true))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Refusing to use " + home);
        assertThatThrownBy(() -> prepare(home, false)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> DataDirectory.lockExisting(home)).isInstanceOf(IOException.class);
        assertThat(home.resolve("thesis.tex")).hasContent("precious");
        assertThat(home.resolve(LauncherLock.FILE_NAME)).doesNotExist();
    }
}
