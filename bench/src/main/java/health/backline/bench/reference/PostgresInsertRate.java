package health.backline.bench.reference;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * How many one-row INSERTs a second, each its own autocommitted transaction, the very PostgreSQL under Backline
 * takes from {@code clients} connections: the ceiling of a design that commits per step. Measured in a scratch
 * schema of the {@code postgres} maintenance database (Backline's own database is not touched), dropped after.
 * With pgbench when it is on the PATH, else a JDBC loop; the result says which.
 */
public final class PostgresInsertRate {

    static final String SCRATCH_SCHEMA = "bench_scratch";
    static final String INSERT = "INSERT INTO " + SCRATCH_SCHEMA + ".insert_probe (payload) VALUES ('referral')";
    static final String SUPERUSER = "postgres";
    static final String DATABASE = "postgres";

    /** The measured rate and how it was measured. */
    public record Measured(String method, int clients, double seconds, long inserts, double perSecond) {
    }

    /** Where and as whom to connect. */
    record Server(String host, int port, String password) {

        String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + DATABASE;
        }

        Connection connect() throws SQLException {
            Properties login = new Properties();
            login.setProperty("user", SUPERUSER);
            login.setProperty("password", password);
            return DriverManager.getConnection(jdbcUrl(), login);
        }
    }

    private final Server server;

    private PostgresInsertRate(Server server) {
        this.server = server;
    }

    /**
     * Reads the superuser's password where the launcher keeps it ({@code database-passwords.properties}, key
     * {@code superuser}: services/local's DatabasePasswords).
     */
    public static PostgresInsertRate of(String host, int port, Path dataDirectory) throws IOException {
        Properties passwords = new Properties();
        try (Reader in = Files.newBufferedReader(dataDirectory.resolve("database-passwords.properties"))) {
            passwords.load(in);
        }
        String superuser = passwords.getProperty("superuser");
        if (superuser == null) {
            throw new IOException("no superuser password in " + dataDirectory.resolve("database-passwords.properties"));
        }
        return new PostgresInsertRate(new Server(host, port, superuser));
    }

    /** {@code method}: auto (pgbench when on the PATH), pgbench or jdbc. */
    public Measured measure(String method, int clients, Duration duration) throws Exception {
        createScratchTable();
        try {
            boolean pgbench = method.equals("pgbench") || method.equals("auto") && Pgbench.onPath().isPresent();
            return pgbench ? new Pgbench(server).measure(clients, duration) : new JdbcInserts(server).measure(clients, duration);
        } finally {
            dropScratchSchema();
        }
    }

    private void createScratchTable() throws SQLException {
        try (Connection connection = server.connect(); Statement sql = connection.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS " + SCRATCH_SCHEMA + " CASCADE");
            sql.execute("CREATE SCHEMA " + SCRATCH_SCHEMA);
            sql.execute("CREATE TABLE " + SCRATCH_SCHEMA + ".insert_probe (id BIGSERIAL PRIMARY KEY,"
                    + " at TIMESTAMPTZ NOT NULL DEFAULT now(), payload TEXT NOT NULL)");
        }
    }

    private void dropScratchSchema() throws SQLException {
        try (Connection connection = server.connect(); Statement sql = connection.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS " + SCRATCH_SCHEMA + " CASCADE");
        }
    }
}
