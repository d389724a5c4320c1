package health.backline.local;

import health.backline.testsupport.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Real JVMs: a stand-in service jar started the way the launcher starts the real ones. */
class ServiceProcessIT {

    @TempDir
    Path directory;

    private final List<ServiceProcess> started = new ArrayList<>();

    @AfterEach
    void stopWhatIsLeft() {
        started.forEach(process -> process.stop(Duration.ofSeconds(1)));
    }

    private ServiceProcess start(String jarName, List<String> args) throws IOException {
        Path jar = FakeServiceJar.write(directory.resolve(jarName));
        int port = FreePorts.take(1)[0];
        ServiceProcess process = ServiceProcess.start(jar, port, args, directory.resolve("logs/" + jarName + ".log"), "64m");
        started.add(process);
        return process;
    }

    @Test
    void a_healthy_service_is_awaited_and_gets_its_port_arguments_heap_and_log() throws Exception {
        ServiceProcess intake = start("backline-intake.jar", List.of("--spring.kafka.bootstrap-servers=127.0.0.1:9092"));

        Duration upIn = intake.awaitHealthy(Duration.ofSeconds(30));

        assertThat(intake.name()).isEqualTo("intake");
        assertThat(upIn).isPositive();
        assertThat(intake.isAlive()).isTrue();
        assertThat(intake.command()).startsWith(ServiceProcess.javaExecutable(), "-Xmx64m", "-jar");
        assertThat(Files.readString(intake.logFile())).contains(
                "argument --server.port=" + intake.port(),
                "argument --spring.kafka.bootstrap-servers=127.0.0.1:9092",
                "listening on " + intake.port());
        assertThat(intake.logTail(1)).containsExactly("fake backline-intake.jar listening on " + intake.port());
    }

    @Test
    void stop_ends_the_service_and_every_process_it_started() throws Exception {
        ServiceProcess triage = start("backline-triage.jar", List.of("--fake.child"));
        triage.awaitHealthy(Duration.ofSeconds(30));
        List<ProcessHandle> children = triage.process().descendants().toList();
        assertThat(children).isNotEmpty();

        triage.stop();

        assertThat(triage.isAlive()).isFalse();
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(Files.readString(triage.logFile())).contains("fake stopping");
    }

    @Test
    void a_service_that_ignores_the_request_to_stop_is_killed_after_the_grace_period() throws Exception {
        ServiceProcess stubborn = start("backline-workflow.jar", List.of("--fake.mode=stubborn"));
        stubborn.awaitHealthy(Duration.ofSeconds(30));

        long begin = System.nanoTime();
        stubborn.stop(Duration.ofSeconds(2));

        assertThat(stubborn.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void a_service_that_exits_during_start_up_fails_with_the_end_of_its_log() throws Exception {
        ServiceProcess scheduling = start("backline-scheduling.jar", List.of("--fake.mode=exit"));

        assertThatThrownBy(() -> scheduling.awaitHealthy(Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(ServiceFailedException.class, failed -> {
                    assertThat(failed.service()).isEqualTo("scheduling");
                    assertThat(failed.getMessage()).startsWith("scheduling exited with code 3 before it was healthy")
                            .contains(scheduling.logFile().toString());
                    assertThat(failed.logTail()).contains("fake failure: the database is not reachable");
                });
    }

    @Test
    void a_service_that_never_reports_up_fails_when_the_timeout_passes() throws Exception {
        ServiceProcess down = start("backline-intake.jar", List.of("--fake.mode=down"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(down.logFile()).contains("listening on"));

        assertThatThrownBy(() -> down.awaitHealthy(Duration.ofSeconds(2)))
                .isInstanceOf(ServiceFailedException.class)
                .hasMessageStartingWith("intake was not healthy within 2 s");
        assertThat(down.isAlive()).isTrue();
    }

    @Test
    void the_log_of_the_previous_run_is_kept_beside_the_new_one() throws Exception {
        ServiceProcess first = start("backline-intake.jar", List.of("--first"));
        first.awaitHealthy(Duration.ofSeconds(30));
        first.stop();

        ServiceProcess second = ServiceProcess.start(directory.resolve("backline-intake.jar"), FreePorts.take(1)[0],
                List.of("--second"), first.logFile(), "64m");
        started.add(second);
        second.awaitHealthy(Duration.ofSeconds(30));

        assertThat(Files.readString(second.logFile())).contains("argument --second").doesNotContain("--first");
        assertThat(Files.readString(Path.of(first.logFile() + ".1"))).contains("argument --first");
    }

    @Test
    void a_missing_jar_is_reported_before_anything_starts() {
        assertThatThrownBy(() -> ServiceProcess.start(directory.resolve("backline-nothing.jar"), 1, List.of(),
                directory.resolve("nothing.log"), "64m"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("No service jar at");
        assertThat(directory.resolve("nothing.log")).doesNotExist();
    }
}
