package health.backline.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class LocalPostgresIT {

    @TempDir
    Path data;

    @Test
    void committed_rows_survive_a_restart_on_the_same_data_directory_with_fsync_and_synchronous_commit_on()
            throws Exception {
        int port = FreePorts.take(1)[0];
        Path directory = data.resolve("postgres");
        Path log = data.resolve("logs/postgres.log");

        try (LocalPostgres postgres = LocalPostgres.start(directory, port, log)) {
            postgres.ensureDatabase("backline", "backline", "backline");
            try (Connection connection = postgres.connection("backline", "backline", "backline")) {
                assertThat(setting(connection, "fsync")).isEqualTo("on");
                assertThat(setting(connection, "synchronous_commit")).isEqualTo("on");
                assertThat(setting(connection, "listen_addresses")).isEqualTo("127.0.0.1");
                assertThat(setting(connection, "server_version")).startsWith("17.");
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE referral_note (id int PRIMARY KEY, text varchar(100) NOT NULL)");
                    statement.execute("INSERT INTO referral_note VALUES (1, 'Neck spasm after lifting, no red flags')");
                }
            }
        }

        try (LocalPostgres again = LocalPostgres.start(directory, port, log)) {
            // Idempotent: role and database exist already.
            again.ensureDatabase("backline", "backline", "backline");
            try (Connection connection = again.connection("backline", "backline", "backline");
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT text FROM referral_note WHERE id = 1")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("Neck spasm after lifting, no red flags");
                assertThat(setting(connection, "fsync")).isEqualTo("on");
            }
            assertThat(again.jdbcUrl("backline")).isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/backline");
        }
        assertThat(LocalPostgres.runningServer(directory)).isEmpty();
    }

    @Test
    void the_database_belongs_to_the_backline_role_so_services_can_create_their_schemas() throws Exception {
        int port = FreePorts.take(1)[0];
        try (LocalPostgres postgres = LocalPostgres.start(data.resolve("postgres"), port, data.resolve("postgres.log"))) {
            postgres.ensureDatabase("backline", "backline", "backline");
            postgres.ensureDatabase("backline", "backline", "backline");

            assertThat(LocalPostgres.runningServer(data.resolve("postgres"))).isPresent();
            try (Connection connection = postgres.connection("backline", "backline", "backline");
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA intake");
                try (ResultSet owner = statement.executeQuery(
                        "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'backline'")) {
                    owner.next();
                    assertThat(owner.getString(1)).isEqualTo("backline");
                }
            }
        }
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("SHOW " + name)) {
            result.next();
            return result.getString(1);
        }
    }
}
