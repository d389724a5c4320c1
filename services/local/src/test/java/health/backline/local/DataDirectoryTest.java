package health.backline.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataDirectoryTest {

    @Test
    void a_new_data_directory_is_created_marked_and_given_a_logs_directory(@TempDir Path parent) throws IOException {
        DataDirectory data = DataDirectory.prepare(parent.resolve(".backline"), false);

        assertThat(data.root()).isEqualTo(parent.resolve(".backline"));
        assertThat(data.root().resolve(DataDirectory.MARKER)).isRegularFile();
        assertThat(data.logs()).isDirectory();
        assertThat(data.postgres()).isEqualTo(data.root().resolve("postgres"));
        assertThat(data.kafka()).isEqualTo(data.root().resolve("kafka"));
    }

    @Test
    void a_second_start_keeps_what_is_there(@TempDir Path parent) throws IOException {
        DataDirectory first = DataDirectory.prepare(parent.resolve("data"), false);
        Files.createDirectories(first.postgres());
        Files.writeString(first.postgres().resolve("PG_VERSION"), "17");

        DataDirectory second = DataDirectory.prepare(parent.resolve("data"), false);

        assertThat(second.postgres().resolve("PG_VERSION")).hasContent("17");
    }

    @Test
    void fresh_wipes_everything_first(@TempDir Path parent) throws IOException {
        DataDirectory first = DataDirectory.prepare(parent.resolve("data"), false);
        Files.createDirectories(first.kafka().resolve("topic-0"));
        Files.writeString(first.kafka().resolve("topic-0/00000000000000000000.log"), "records");

        DataDirectory fresh = DataDirectory.prepare(parent.resolve("data"), true);

        assertThat(fresh.kafka()).doesNotExist();
        assertThat(fresh.root().resolve(DataDirectory.MARKER)).isRegularFile();
        assertThat(fresh.logs()).isDirectory();
    }

    @Test
    void an_existing_empty_directory_may_become_the_data_directory(@TempDir Path empty) throws IOException {
        assertThat(DataDirectory.prepare(empty, false).root().resolve(DataDirectory.MARKER)).isRegularFile();
    }

    @Test
    void a_directory_full_of_something_else_is_never_used_or_wiped(@TempDir Path home) throws IOException {
        Files.writeString(home.resolve("thesis.tex"), "precious");

        assertThatThrownBy(() -> DataDirectory.prepare(home, true))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Refusing to use " + home);
        assertThatThrownBy(() -> DataDirectory.prepare(home, false)).isInstanceOf(IOException.class);
        assertThat(home.resolve("thesis.tex")).hasContent("precious");
    }
}
