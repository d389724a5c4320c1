package health.backline.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * PostgreSQL 17 (zonky's embedded binaries) keeping its data in a directory that survives restarts.
 *
 * <p>zonky is made for tests: it runs the server with {@code -F} (no fsync) and {@code synchronous_commit=off},
 * so a crash loses committed data. Both are switched back on here; the {@code -c} options come after {@code -F}
 * on the server's command line, and the last one wins.
 */
public final class LocalPostgres implements AutoCloseable {

    /** The address the server listens on and clients use. */
    public static final String HOST = "127.0.0.1";

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final Duration startupTime;

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDirectory, Duration startupTime) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.startupTime = startupTime;
    }

    /**
     * Starts the server on {@code 127.0.0.1:port}, creating the cluster in {@code dataDirectory} on first use
     * and reusing it after that. The server's own output goes to {@code logFile}.
     */
    public static LocalPostgres start(Path dataDirectory, int port, Path logFile) throws IOException {
        long started = System.nanoTime();
        Files.createDirectories(dataDirectory);
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", HOST)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setPGStartupWait(STARTUP_WAIT)
                // Closed by the launcher's own shutdown hook, after the services and Kafka.
                .setRegisterShutdownHook(false)
                .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(Redirect.appendTo(logFile.toFile()))
                .start();
        return new LocalPostgres(postgres, dataDirectory, Duration.ofNanos(System.nanoTime() - started));
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** From the call to {@link #start} to a server answering queries (includes initdb on first use). */
    public Duration startupTime() {
        return startupTime;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port() + "/" + database;
    }

    /** A connection as the {@code postgres} superuser (the cluster trusts local connections). */
    public Connection superuserConnection(String database) throws SQLException {
        return connection(database, "postgres", null);
    }

    public Connection connection(String database, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    /**
     * Creates the login role and a database it owns, when they do not exist yet; safe to call on every start.
     * The services create their own schemas in it.
     */
    public void ensureDatabase(String database, String owner, String password) throws SQLException {
        requireIdentifier(database);
        requireIdentifier(owner);
        try (Connection connection = superuserConnection("postgres")) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", owner)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE ROLE " + owner + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
                }
            }
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE DATABASE " + database + " OWNER " + owner);
                }
            }
        }
    }

    /**
     * The pid of a server still running on this data directory, e.g. left behind by a launcher that was killed
     * outright (the server runs in a session of its own, so it outlives the JVM that started it).
     */
    public static OptionalLong runningServer(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return OptionalLong.empty();
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().command().map(command -> command.contains("postgres")).orElse(false))
                    .map(process -> OptionalLong.of(pid))
                    .orElse(OptionalLong.empty());
        } catch (IOException | RuntimeException unreadable) {
            return OptionalLong.empty();
        }
    }

    /** Stops the server (fast shutdown: open sessions are ended, committed data is on disk). */
    @Override
    public void close() throws IOException {
        postgres.close();
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    private static void requireIdentifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain lower-case SQL name: " + name);
        }
    }
}
