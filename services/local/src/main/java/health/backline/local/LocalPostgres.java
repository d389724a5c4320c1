package health.backline.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
 * on the server's command line, and the last one wins. zonky's {@code initdb} also trusts every local
 * connection; here the cluster is made with a superuser password and every connection, local or not, must
 * give its password (scram-sha-256).
 */
public final class LocalPostgres implements AutoCloseable {

    /** The address local clients use. */
    public static final String HOST = BindAddress.LOOPBACK;

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final String superuserPassword;
    private final Duration startupTime;

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDirectory, String superuserPassword,
                          Duration startupTime) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.superuserPassword = superuserPassword;
        this.startupTime = startupTime;
    }

    /**
     * Starts the server on {@code port}, listening on loopback and on {@code bindAddress}, creating the cluster in
     * {@code dataDirectory} (superuser {@code postgres} with {@code superuserPassword}) on first use and reusing
     * it after that. The server's own output goes to {@code logFile}.
     */
    public static LocalPostgres start(Path dataDirectory, String bindAddress, int port, Path logFile,
                                      String superuserPassword) throws IOException {
        long started = System.nanoTime();
        Files.createDirectories(dataDirectory.getParent());
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        Path passwordFile = Files.createTempFile(dataDirectory.getParent(), "initdb", ".pw",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(passwordFile, superuserPassword);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            LauncherLocation.postgresBinaries().ifPresent(binaries -> builder.setOverrideWorkingDirectory(binaries.toFile()));
            EmbeddedPostgres postgres = builder
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // zonky passes these as --name=value to initdb (after its own "-A trust", which they override).
                    .setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig("pwfile", passwordFile.toString())
                    .setConnectConfig("password", superuserPassword)
                    .setDataDirectoryCustomizer(directory -> writeClientAuthentication(directory.toPath(), bindAddress))
                    .setServerConfig("listen_addresses", listenAddresses(bindAddress))
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setPGStartupWait(STARTUP_WAIT)
                    // Closed by the launcher's own shutdown hook, after the services and Kafka.
                    .setRegisterShutdownHook(false)
                    .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(Redirect.appendTo(logFile.toFile()))
                    .start();
            return new LocalPostgres(postgres, dataDirectory, superuserPassword,
                    Duration.ofNanos(System.nanoTime() - started));
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    /** Loopback always (the launcher and the services connect there), plus the address asked for. */
    static String listenAddresses(String bindAddress) {
        if (BindAddress.isWildcard(bindAddress)) {
            return "*";
        }
        return BindAddress.isLoopback(bindAddress) ? HOST : HOST + "," + bindAddress;
    }

    /**
     * {@code pg_hba.conf}, rewritten at every start: a password for every connection; connections from other
     * machines only when the bind address opens the server to them.
     */
    private static void writeClientAuthentication(Path directory, String bindAddress) {
        StringBuilder rules = new StringBuilder("""
                # Written by the Backline launcher at every start: every connection gives its password.
                local all all scram-sha-256
                host all all 127.0.0.1/32 scram-sha-256
                host all all ::1/128 scram-sha-256
                """);
        if (!BindAddress.isLoopback(bindAddress)) {
            rules.append("# BACKLINE_BIND_ADDRESS=").append(bindAddress).append(" opens the server to other machines.\n")
                    .append("host all all all scram-sha-256\n");
        }
        try {
            Files.writeString(directory.resolve("pg_hba.conf"), rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** A connection as the {@code postgres} superuser. */
    public Connection superuserConnection(String database) throws SQLException {
        return connection(database, SUPERUSER, superuserPassword);
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
     * Creates the login role and a database it owns, when they do not exist yet, and gives the role its password;
     * safe to call on every start. The services create their own schemas in it.
     */
    public void ensureDatabase(String database, String owner, String password) throws SQLException {
        requireIdentifier(database);
        ensureLoginRole(owner, password);
        try (Connection connection = superuserConnection("postgres")) {
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE DATABASE " + database + " OWNER " + owner);
                }
            }
        }
    }

    /** Creates the login role when it does not exist yet, and gives it {@code password}; safe to call on every start. */
    public void ensureLoginRole(String role, String password) throws SQLException {
        try (Connection connection = superuserConnection("postgres")) {
            ensureLoginRole(connection, role, password);
        }
    }

    /** {@link #ensureLoginRole(String, String)} on any server, through a superuser's connection. */
    public static void ensureLoginRole(Connection superuser, String role, String password) throws SQLException {
        requireIdentifier(role);
        String verb = exists(superuser, "SELECT 1 FROM pg_roles WHERE rolname = ?", role) ? "ALTER" : "CREATE";
        try (Statement statement = superuser.createStatement()) {
            statement.execute(verb + " ROLE " + role + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
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
