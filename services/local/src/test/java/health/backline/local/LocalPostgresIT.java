package health.backline.local;

import health.backline.testsupport.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalPostgresIT {

    private static final String SUPERUSER_PASSWORD = "superuser-secret-for-this-test";

    @TempDir
    Path data;

    @Test
    void committed_rows_survive_a_restart_on_the_same_data_directory_with_fsync_and_synchronous_commit_on()
            throws Exception {
        int port = FreePorts.take(1)[0];
        Path directory = data.resolve("postgres");
        Path log = data.resolve("logs/postgres.log");

        try (LocalPostgres postgres = LocalPostgres.start(directory, BindAddress.LOOPBACK, port, log, SUPERUSER_PASSWORD)) {
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

        try (LocalPostgres again = LocalPostgres.start(directory, BindAddress.LOOPBACK, port, log, SUPERUSER_PASSWORD)) {
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
        try (LocalPostgres postgres = startInTheDataDirectory()) {
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

    @Test
    void every_connection_must_give_its_password_none_is_trusted() throws Exception {
        try (LocalPostgres postgres = startInTheDataDirectory()) {
            postgres.ensureDatabase("backline", "backline", "first-password");
            postgres.ensureDatabase("backline", "backline", "rotated-password");

            assertThatThrownBy(() -> postgres.connection("postgres", "postgres", null).close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password");
            assertThatThrownBy(() -> postgres.connection("postgres", "postgres", "wrong").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            assertThatThrownBy(() -> postgres.connection("backline", "backline", "first-password").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            try (Connection connection = postgres.connection("backline", "backline", "rotated-password")) {
                assertThat(setting(connection, "password_encryption")).isEqualTo("scram-sha-256");
            }
            try (Connection superuser = postgres.superuserConnection("postgres");
                 Statement statement = superuser.createStatement();
                 ResultSet rules = statement.executeQuery("SELECT DISTINCT auth_method FROM pg_hba_file_rules")) {
                rules.next();
                assertThat(rules.getString(1)).isEqualTo("scram-sha-256");
                assertThat(rules.next()).as("only one authentication method").isFalse();
            }
        }
    }

    @Test
    void it_listens_on_loopback_and_on_the_address_asked_for() {
        assertThat(LocalPostgres.listenAddresses("127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(LocalPostgres.listenAddresses("0.0.0.0")).isEqualTo("*");
        assertThat(LocalPostgres.listenAddresses("192.0.2.7")).isEqualTo("127.0.0.1,192.0.2.7");
    }

    private LocalPostgres startInTheDataDirectory() throws Exception {
        return LocalPostgres.start(data.resolve("postgres"), BindAddress.LOOPBACK, FreePorts.take(1)[0],
                data.resolve("postgres.log"), SUPERUSER_PASSWORD);
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("SHOW " + name)) {
            result.next();
            return result.getString(1);
        }
    }
}
