package health.backline.local;

import health.backline.testsupport.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The launcher as users run it, in a JVM of its own, with stand-in service jars (the real ones are built
 * elsewhere): start, banner, SIGTERM, nothing left running. The database roles of the embedded default are checked
 * with the packaged services themselves.
 */
class BacklineLocalIT {

    /** The packaged services, copied beside the launcher by the build. */
    private static final Path PACKAGED_SERVICES = Path.of("target", "services");
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @TempDir
    Path directory;

    private Path services;
    private Path data;
    private Path output;
    private final Map<String, String> environment = new HashMap<>();
    private Process launcher;

    private int postgresPort;
    private int kafkaPort;
    private int intakePort;
    private int triagePort;
    private int workflowPort;

    @BeforeEach
    void standInServicesAndFreePorts() throws IOException {
        services = Files.createDirectories(directory.resolve("services"));
        FakeServiceJar.write(services.resolve("backline-intake.jar"));
        FakeServiceJar.write(services.resolve("backline-triage.jar"));
        data = directory.resolve("data");
        output = directory.resolve("launcher.out");

        int[] ports = FreePorts.take(6);
        postgresPort = ports[0];
        kafkaPort = ports[1];
        intakePort = ports[3];
        triagePort = ports[4];
        workflowPort = ports[5];
        environment.put("BACKLINE_SERVICES_DIR", services.toString());
        environment.put("BACKLINE_POSTGRES_PORT", String.valueOf(postgresPort));
        environment.put("BACKLINE_KAFKA_PORT", String.valueOf(kafkaPort));
        environment.put("BACKLINE_KAFKA_CONTROLLER_PORT", String.valueOf(ports[2]));
        environment.put("BACKLINE_INTAKE_PORT", String.valueOf(intakePort));
        environment.put("BACKLINE_TRIAGE_PORT", String.valueOf(triagePort));
        environment.put("BACKLINE_WORKFLOW_PORT", String.valueOf(workflowPort));
        environment.put("BACKLINE_INTAKE_HEAP", "64m");
        environment.put("BACKLINE_TRIAGE_HEAP", "64m");
        environment.put("BACKLINE_STARTUP_TIMEOUT", "60");
    }

    @AfterEach
    void killTheLauncherIfATestFailed() {
        if (launcher != null && launcher.isAlive()) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    private List<String> launcherCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(ServiceProcess.javaExecutable(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), BacklineLocal.class.getName(), "--data-dir", data.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private Process startLauncher(String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(launcherCommand(args)).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        launcher = builder.start();
        return launcher;
    }

    private String output() throws IOException {
        return Files.exists(output) ? Files.readString(output) : "";
    }

    @Test
    void starts_everything_prints_where_to_go_and_stops_everything_on_sigterm() throws Exception {
        Process backline = startLauncher();
        await().atMost(Duration.ofSeconds(120)).until(() -> output().contains("Ctrl-C stops everything.") || !backline.isAlive());

        assertThat(backline.isAlive()).as(output()).isTrue();
        assertThat(output()).contains(
                "PostgreSQL ready in", "Kafka ready in", "new storage",
                "intake is up", "triage is up", "Backline is ready",
                "http://127.0.0.1:" + intakePort + "/api/referrals", "http://127.0.0.1:" + triagePort + "/api/triage",
                "127.0.0.1:" + kafkaPort, "jdbc:postgresql://127.0.0.1:" + postgresPort + "/backline",
                "Logs: " + data.resolve("logs"));
        assertThat(Files.readString(data.resolve("logs/intake.log"))).contains(
                "argument --server.port=" + intakePort,
                "argument --spring.kafka.bootstrap-servers=127.0.0.1:" + kafkaPort,
                "argument --backline.db.port=" + postgresPort,
                "argument --backline.db.owner=backline", "argument --backline.db.user=intake_runtime",
                "jvm option -Xmx64m", "jvm option -XX:+UseSerialGC", "jvm option -XX:TieredStopAtLevel=1",
                "jvm option -XX:+ExitOnOutOfMemoryError");
        assertThat(data.resolve("logs/triage.log")).exists();
        assertThat(data.resolve(StatusFile.FILE_NAME)).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        assertThat(Files.readString(data.resolve("logs/intake.log"))).contains("argument --server.address=127.0.0.1")
                .doesNotContain("argument --backline.db.password");

        List<ProcessHandle> children = backline.descendants().toList();
        long postmaster = LocalPostgres.runningServer(data.resolve("postgres")).orElseThrow();
        assertThat(children).hasSizeGreaterThanOrEqualTo(2);

        backline.destroy();

        assertThat(backline.waitFor(60, TimeUnit.SECONDS)).as(output()).isTrue();
        assertThat(output()).contains("Services stopped in", "Kafka stopped in", "PostgreSQL stopped in", "Backline stopped.");
        assertThat(output().indexOf("Services stopped")).isLessThan(output().indexOf("Kafka stopped"));
        assertThat(output().indexOf("Kafka stopped")).isLessThan(output().indexOf("PostgreSQL stopped"));
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        // pg_ctl returns once the server has shut down; its process may take a moment more to be gone.
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive).isEmpty());
        assertThat(data.resolve(StatusFile.FILE_NAME)).doesNotExist();

        // A second start finds the data again.
        Process again = startLauncher("--no-services");
        await().atMost(Duration.ofSeconds(120)).until(() -> output().contains("Ctrl-C stops everything.") || !again.isAlive());
        assertThat(output()).contains("existing storage");
        again.destroy();
        assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void a_killed_service_is_restarted_and_status_shows_every_part_with_its_restarts() throws Exception {
        Process backline = startLauncher();
        await().atMost(Duration.ofSeconds(120)).until(() -> output().contains("Ctrl-C stops everything.") || !backline.isAlive());
        assertThat(output()).contains("Status: java -jar ");
        Command.Result healthy = status();
        assertThat(healthy.exitCode()).as(healthy.output()).isZero();
        assertThat(healthy.output()).containsPattern("launcher +up +" + backline.pid())
                .containsPattern("postgres +up +[0-9]+ +" + postgresPort + " .* MiB")
                .containsPattern("kafka +up +" + backline.pid() + " +" + kafkaPort + " .*\\(launcher\\)")
                .containsPattern("intake +up +[0-9]+ +" + intakePort + " +0m [0-9]{2}s +0 +[0-9,]+ MiB +[0-9,]+ MiB")
                .containsPattern("triage +up +[0-9]+ +" + triagePort)
                .containsPattern("total .* MiB");
        long intake = servicePid("intake");

        ProcessHandle.of(intake).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(60)).until(() -> output().contains("intake is up again"));
        assertThat(output()).contains("intake exited with code 137 (log: " + data.resolve("logs/intake.log")
                + "); restart 1 in 1 s.");
        assertThat(Files.readString(data.resolve("logs/intake.log"))).contains("=== restart 1 after exit code 137 ===");
        long restarted = servicePid("intake");
        assertThat(restarted).isNotEqualTo(intake);
        Command.Result afterRestart = status();
        assertThat(afterRestart.exitCode()).isZero();
        assertThat(afterRestart.output()).containsPattern("intake +up +" + restarted + " +" + intakePort + " +0m [0-9]{2}s +1 ");

        backline.destroy();
        assertThat(backline.waitFor(60, TimeUnit.SECONDS)).as(output()).isTrue();
        assertThat(ProcessHandle.of(restarted).filter(ProcessHandle::isAlive)).isEmpty();
        Command.Result stopped = status();
        assertThat(stopped.exitCode()).isEqualTo(StatusCommand.NOT_ALL_UP);
        assertThat(stopped.output()).contains("Backline is not running from " + data);
    }

    @Test
    void a_service_that_keeps_crashing_is_given_up_on_after_five_failures_and_the_rest_keeps_running() throws Exception {
        environment.put("FAKE_CRASH", "backline-triage");
        Process backline = startLauncher();

        await().atMost(Duration.ofSeconds(150)).until(() -> output().contains("gave up") || !backline.isAlive());

        assertThat(backline.isAlive()).as(output()).isTrue();
        assertThat(output()).contains("triage exited with code 7 (log: " + data.resolve("logs/triage.log") + "); restart 1 in 1 s.",
                "restart 2 in 2 s.", "restart 3 in 4 s.", "restart 4 in 8 s.",
                "It failed 5 times within 5 minutes, so Backline gave up on it: the rest keeps running.");
        Command.Result status = status();
        assertThat(status.exitCode()).isEqualTo(StatusCommand.NOT_ALL_UP);
        assertThat(status.output()).containsPattern("triage +gave up").containsPattern("intake +up");
        backline.destroy();
        assertThat(backline.waitFor(60, TimeUnit.SECONDS)).as(output()).isTrue();
    }

    @Test
    void a_second_launcher_on_the_same_data_directory_is_refused_with_the_pid_of_the_first() throws Exception {
        Process first = startLauncher("--no-services");
        await().atMost(Duration.ofSeconds(120)).until(() -> output().contains("Ctrl-C stops everything.") || !first.isAlive());

        Command.Result second = Command.run(launcherCommand("--no-services"), environment);

        assertThat(second.exitCode()).isEqualTo(1);
        assertThat(second.output().strip()).isEqualTo("Backline already runs from " + data + " (pid " + first.pid()
                + "): stop it first (Ctrl-C in its terminal, or kill " + first.pid() + "), or give this one another --data-dir.");
        assertThat(first.isAlive()).isTrue();
        first.destroy();
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void a_data_directory_of_an_earlier_version_gets_one_line_and_the_hint_fresh() throws Exception {
        Files.createDirectories(data.resolve("postgres"));
        Files.writeString(data.resolve(DataDirectory.MARKER), "an earlier Backline's data directory");

        Command.Result refused = Command.run(launcherCommand(), environment);

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.output().strip()).isEqualTo("The data directory " + data + " was made by an earlier Backline"
                + " (layout 1, this one needs 2). Start with --fresh to wipe it (the referrals in it are lost), or choose"
                + " another with --data-dir.");
    }

    @Test
    void on_the_embedded_default_each_service_runs_as_its_own_role_which_cannot_change_or_delete_its_audit_trail()
            throws Exception {
        // The packaged intake and workflow (Camunda makes its tables at start), as users run them.
        Path realServices = Files.createDirectories(directory.resolve("real-services"));
        for (String jar : List.of("backline-intake.jar", "backline-workflow.jar")) {
            Files.createSymbolicLink(realServices.resolve(jar), PACKAGED_SERVICES.resolve(jar).toAbsolutePath());
        }
        environment.put("BACKLINE_SERVICES_DIR", realServices.toString());
        environment.put("BACKLINE_INTAKE_HEAP", "256m");
        environment.put("BACKLINE_STARTUP_TIMEOUT", "300");
        startRealServices();

        Properties passwords = databasePasswords();
        assertThat(passwords.stringPropertyNames()).containsExactlyInAnyOrder("superuser", "backline",
                "intake_runtime", "triage_runtime", "workflow_runtime", "scheduling_runtime");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("database-passwords.properties"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(data.resolve("logs/intake.log"))).doesNotContain(passwords.getProperty("intake_runtime"), passwords.getProperty("backline"));
        assertServicesAnswerAsTheirRoles();
        assertAppendOnly("intake_runtime", "intake.audit_entry");
        assertAppendOnly("workflow_runtime", "workflow_app.audit_entry");
        try (Connection intake = connectAs("intake_runtime"); Statement sql = intake.createStatement()) {
            assertRefused(sql, "SELECT count(*) FROM workflow_app.audit_entry");
        }
        stopLauncher();

        // A data directory of an earlier launcher: "backline" owned everything, Camunda's tables included, and the
        // passwords file had no runtime roles.
        try (LocalPostgres postgres = LocalPostgres.start(data.resolve("postgres"), BindAddress.LOOPBACK, postgresPort,
                data.resolve("logs/postgres.log"), passwords.getProperty("superuser"));
             Connection superuser = postgres.superuserConnection("backline"); Statement sql = superuser.createStatement()) {
            for (ServiceCatalog.Service service : ServiceCatalog.ALL) {
                String role = service.databaseRole();
                sql.execute("REASSIGN OWNED BY " + role + " TO backline");
                sql.execute("DROP OWNED BY " + role);
                sql.execute("DROP ROLE " + role);
            }
        }
        Properties earlier = new Properties();
        earlier.setProperty("superuser", passwords.getProperty("superuser"));
        earlier.setProperty("backline", passwords.getProperty("backline"));
        try (Writer out = Files.newBufferedWriter(data.resolve("database-passwords.properties"))) {
            earlier.store(out, "an earlier launcher's passwords");
        }

        startRealServices();

        Properties added = databasePasswords();
        assertThat(added.getProperty("superuser")).isEqualTo(passwords.getProperty("superuser"));
        assertThat(added.getProperty("backline")).isEqualTo(passwords.getProperty("backline"));
        assertThat(added.getProperty("workflow_runtime")).isNotNull().isNotEqualTo(passwords.getProperty("workflow_runtime"));
        assertServicesAnswerAsTheirRoles();
        assertAppendOnly("intake_runtime", "intake.audit_entry");
        assertAppendOnly("workflow_runtime", "workflow_app.audit_entry");
        try (Connection workflow = connectAs("workflow_runtime"); Statement sql = workflow.createStatement()) {
            assertThat(count(sql, "SELECT count(*) FROM workflow.act_ge_property WHERE name_ = 'schema.version'"))
                    .as("Camunda's tables, owned by backline, are the runtime role's to use").isOne();
        }
        stopLauncher();
    }

    private void startRealServices() throws Exception {
        Files.deleteIfExists(output);
        Process backline = startLauncher();
        await().atMost(Duration.ofSeconds(360)).until(() -> output().contains("Ctrl-C stops everything.") || !backline.isAlive());
        assertThat(backline.isAlive()).as(output()).isTrue();
        assertThat(output()).contains("intake is up", "workflow is up");
    }

    private void stopLauncher() throws Exception {
        launcher.destroy();
        assertThat(launcher.waitFor(90, TimeUnit.SECONDS)).as(output()).isTrue();
    }

    private Properties databasePasswords() throws IOException {
        Properties passwords = new Properties();
        try (Reader in = Files.newBufferedReader(data.resolve("database-passwords.properties"))) {
            passwords.load(in);
        }
        return passwords;
    }

    /** Healthy, and reading patient data: which the services audit, as their runtime roles. */
    private void assertServicesAnswerAsTheirRoles() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int port : new int[] {intakePort, workflowPort}) {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");
        }
        String clinician = "Basic " + Base64.getEncoder().encodeToString("clinician:clinician".getBytes(StandardCharsets.UTF_8));
        for (URI read : List.of(URI.create("http://127.0.0.1:" + intakePort + "/api/referrals"),
                URI.create("http://127.0.0.1:" + workflowPort + "/api/tasks?queue=clinician"))) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(read).header("Authorization", clinician).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(read + ": " + answer.body()).isEqualTo(200);
        }
        try (Connection intake = connectAs("intake_runtime"); Statement sql = intake.createStatement()) {
            assertThat(count(sql, "SELECT count(*) FROM intake.audit_entry WHERE actor = 'clinician'"))
                    .as("the read of /api/referrals, audited by intake as intake_runtime").isPositive();
        }
    }

    /** {@code role} adds and reads entries of its audit trail, and may change, delete or truncate none. */
    private void assertAppendOnly(String role, String auditTable) throws Exception {
        try (Connection connection = connectAs(role); Statement sql = connection.createStatement()) {
            assertThat(sql.executeUpdate("INSERT INTO " + auditTable + " (at, actor, action, detail)"
                    + " VALUES (now(), 'launcher-test', 'TEST', 'inserted by " + role + "')")).isOne();
            assertThat(count(sql, "SELECT count(*) FROM " + auditTable + " WHERE actor = 'launcher-test'")).isPositive();

            assertRefused(sql, "UPDATE " + auditTable + " SET actor = 'someone else'");
            assertRefused(sql, "DELETE FROM " + auditTable);
            assertRefused(sql, "TRUNCATE " + auditTable);
        }
    }

    private Connection connectAs(String role) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/backline", role,
                databasePasswords().getProperty(role));
    }

    private static void assertRefused(Statement sql, String statement) {
        assertThatThrownBy(() -> sql.execute(statement)).as(statement).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(INSUFFICIENT_PRIVILEGE));
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet result = sql.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    private Command.Result status() throws Exception {
        return Command.run(launcherCommand("status"), environment);
    }

    private long servicePid(String name) throws IOException {
        return new StatusFile(data).read().orElseThrow().parts().stream()
                .filter(part -> part.name().equals(name)).findFirst().orElseThrow().pid();
    }

    @Test
    void a_service_that_fails_to_start_is_named_with_its_log_and_everything_else_is_stopped() throws Exception {
        environment.put("FAKE_FAIL", "backline-triage");
        Process backline = startLauncher();

        assertThat(backline.waitFor(120, TimeUnit.SECONDS)).as(output()).isTrue();

        assertThat(backline.exitValue()).isEqualTo(1);
        assertThat(output()).contains(
                "triage exited with code 3 before it was healthy (log: " + data.resolve("logs/triage.log") + ")",
                "  | fake failure: the database is not reachable",
                "Backline stopped.");
        assertThat(LocalPostgres.runningServer(data.resolve("postgres"))).isEmpty();
        assertThat(PortCheck.isFree(intakePort)).isTrue();
        assertThat(PortCheck.isFree(kafkaPort)).isTrue();
    }

    @Test
    void a_busy_port_is_named_in_one_line_before_anything_starts() throws Exception {
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), kafkaPort));
            Process backline = startLauncher();

            assertThat(backline.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(backline.exitValue()).isEqualTo(1);
            assertThat(output().strip()).isEqualTo("Port " + kafkaPort + " (Kafka) is already in use: stop what uses it"
                    + " or choose another port with BACKLINE_KAFKA_PORT.");
            assertThat(data).doesNotExist();
        }
    }

    @Test
    void without_service_jars_it_says_how_to_build_them() throws Exception {
        Files.delete(services.resolve("backline-intake.jar"));
        Files.delete(services.resolve("backline-triage.jar"));
        Process backline = startLauncher();

        assertThat(backline.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(backline.exitValue()).isEqualTo(1);
        assertThat(output()).startsWith("No service jars in " + services)
                .contains("mvn -q -DskipTests package", "--no-services");
    }
}
