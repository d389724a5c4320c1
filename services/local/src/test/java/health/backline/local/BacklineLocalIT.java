package health.backline.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The launcher as users run it, in a JVM of its own, with stand-in service jars (the real ones are built
 * elsewhere): start, banner, SIGTERM, nothing left running.
 */
class BacklineLocalIT {

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

    @BeforeEach
    void standInServicesAndFreePorts() throws IOException {
        services = Files.createDirectories(directory.resolve("services"));
        FakeServiceJar.write(services.resolve("backline-intake.jar"));
        FakeServiceJar.write(services.resolve("backline-triage.jar"));
        data = directory.resolve("data");
        output = directory.resolve("launcher.out");

        int[] ports = FreePorts.take(5);
        postgresPort = ports[0];
        kafkaPort = ports[1];
        intakePort = ports[3];
        triagePort = ports[4];
        environment.put("BACKLINE_SERVICES_DIR", services.toString());
        environment.put("BACKLINE_POSTGRES_PORT", String.valueOf(postgresPort));
        environment.put("BACKLINE_KAFKA_PORT", String.valueOf(kafkaPort));
        environment.put("BACKLINE_KAFKA_CONTROLLER_PORT", String.valueOf(ports[2]));
        environment.put("BACKLINE_INTAKE_PORT", String.valueOf(intakePort));
        environment.put("BACKLINE_TRIAGE_PORT", String.valueOf(triagePort));
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
