package health.backline.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PidFileTest {

    @TempDir
    Path data;

    @Test
    void a_recorded_process_that_still_runs_is_found_again() throws IOException {
        PidFile pids = new PidFile(data);
        PidFile.Entry self = new PidFile.Entry(PidFile.LAUNCHER, ProcessHandle.current().pid(), "java");

        pids.write(List.of(self));

        assertThat(new PidFile(data).stillRunning()).containsExactly(self);
    }

    @Test
    void ended_processes_and_reused_pids_do_not_count() throws Exception {
        Process ended = new ProcessBuilder(ServiceProcess.javaExecutable(), "-version").start();
        ended.waitFor();
        PidFile pids = new PidFile(data);

        pids.write(List.of(
                new PidFile.Entry("intake", ended.pid(), "backline-intake.jar"),
                new PidFile.Entry("triage", ProcessHandle.current().pid(), "backline-triage.jar")));

        assertThat(pids.stillRunning()).isEmpty();
    }

    @Test
    void no_file_or_an_unreadable_line_means_nothing_runs() throws IOException {
        assertThat(new PidFile(data).stillRunning()).isEmpty();

        Files.writeString(data.resolve(PidFile.FILE_NAME), "garbage\nintake notapid x\n");

        assertThat(new PidFile(data).stillRunning()).isEmpty();
    }

    @Test
    void delete_removes_the_record() throws IOException {
        PidFile pids = new PidFile(data);
        pids.write(List.of(new PidFile.Entry(PidFile.LAUNCHER, 1, "java")));

        pids.delete();

        assertThat(data.resolve(PidFile.FILE_NAME)).doesNotExist();
    }
}
