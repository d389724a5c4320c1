package health.backline.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatusFileTest {

    @TempDir
    Path data;

    private static StatusFile.Part part(String name, long pid, String hint) {
        return new StatusFile.Part(name, StatusFile.State.UP, pid, hint, 8081, 1_700_000_000_000L, 2,
                "/data/logs/" + name + ".log");
    }

    @Test
    void what_is_written_is_read_back_whole() throws IOException {
        StatusFile status = new StatusFile(data);
        List<StatusFile.Part> parts = List.of(part(StatusFile.LAUNCHER, ProcessHandle.current().pid(), "java"),
                part("intake", 4242, "backline-intake.jar"));

        status.write(new StatusFile.Snapshot(parts, null));

        assertThat(new StatusFile(data).read()).hasValueSatisfying(snapshot -> {
            assertThat(snapshot.parts()).isEqualTo(parts);
            assertThat(snapshot.launcher()).hasValue(parts.get(0));
            assertThat(snapshot.kafkaCluster()).isNull();
        });
        assertThat(Files.readString(data.resolve(StatusFile.FILE_NAME))).doesNotContain("kafkaCluster");
    }

    @Test
    void the_cluster_profile_records_where_its_kafka_nodes_are() throws IOException {
        StatusFile status = new StatusFile(data);

        status.write(new StatusFile.Snapshot(List.of(part("kafka-1", 4242, "kafka-1.properties")),
                "127.0.0.1:9092,127.0.0.1:9102,127.0.0.1:9112"));

        assertThat(new StatusFile(data).read()).hasValueSatisfying(snapshot ->
                assertThat(snapshot.kafkaCluster()).isEqualTo("127.0.0.1:9092,127.0.0.1:9102,127.0.0.1:9112"));
        assertThat(Files.readString(data.resolve(StatusFile.FILE_NAME))).contains("\"kafkaCluster\"");
    }

    @Test
    void a_recorded_process_that_still_runs_is_found_again() throws IOException {
        StatusFile status = new StatusFile(data);
        StatusFile.Part self = part(StatusFile.LAUNCHER, ProcessHandle.current().pid(), "java");

        status.write(new StatusFile.Snapshot(List.of(self), null));

        assertThat(new StatusFile(data).stillRunning()).containsExactly(self);
    }

    @Test
    void ended_processes_and_reused_pids_do_not_count() throws Exception {
        Process ended = new ProcessBuilder(ServiceProcess.javaExecutable(), "-version").start();
        ended.waitFor();
        StatusFile status = new StatusFile(data);

        status.write(new StatusFile.Snapshot(List.of(
                part("intake", ended.pid(), "backline-intake.jar"),
                part("triage", ProcessHandle.current().pid(), "backline-triage.jar")), null));

        assertThat(status.stillRunning()).isEmpty();
    }

    @Test
    void no_file_or_an_unreadable_one_means_nothing_runs() throws IOException {
        assertThat(new StatusFile(data).stillRunning()).isEmpty();

        Files.writeString(data.resolve(StatusFile.FILE_NAME), "garbage");

        assertThat(new StatusFile(data).read()).isEmpty();
        assertThat(new StatusFile(data).stillRunning()).isEmpty();
    }

    @Test
    void delete_removes_the_record() throws IOException {
        StatusFile status = new StatusFile(data);
        status.write(new StatusFile.Snapshot(List.of(part(StatusFile.LAUNCHER, 1, "java")), null));

        status.delete();

        assertThat(data.resolve(StatusFile.FILE_NAME)).doesNotExist();
    }
}
