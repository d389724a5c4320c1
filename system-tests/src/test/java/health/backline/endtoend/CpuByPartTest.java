package health.backline.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuByPartTest {

    @Test
    void a_process_is_told_apart_by_its_command_line() {
        assertThat(CpuByPart.partOf("/usr/bin/java -Dbackline.kafka.node=2 -Xmx256m -cp backline-local.jar "
                + "-Dloader.main=kafka.Kafka org.springframework.boot.loader.launch.PropertiesLauncher")).isEqualTo("Kafka nodes");
        assertThat(CpuByPart.partOf("/usr/bin/java -Xmx384m -XX:SharedArchiveFile=workflow.jsa "
                + "-jar /work/services/local/target/services/workflow/backline-workflow.jar --server.port=8183"))
                .isEqualTo("workflow");
        assertThat(CpuByPart.partOf("/usr/bin/java -jar target/services/intake/backline-intake.jar")).isEqualTo("intake");
        assertThat(CpuByPart.partOf("/work/target/postgres-binaries/bin/postgres -D data/postgres -p 15432"))
                .isEqualTo("PostgreSQL");
        assertThat(CpuByPart.partOf("postgres: backline backline 127.0.0.1(40312) idle")).isEqualTo("PostgreSQL");
        assertThat(CpuByPart.partOf("/usr/bin/java -Xmx256m -jar services/local/target/backline-local.jar --cluster"))
                .isEqualTo("the launcher and intake's front");
    }

    @Test
    void user_and_system_ticks_are_read_past_a_command_name_with_spaces() {
        String stat = "4242 (C2 Compiler Thr) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 56 0 0 20 0 40 0 9876 0 0";

        assertThat(CpuByPart.ticksOf(stat)).isEqualTo(1234 + 56);
    }

    @Test
    void each_process_counts_from_the_start_or_from_its_own_start_in_the_window() {
        Map<Long, Long> atStart = Map.of(1L, 1_000L, 2L, 500L);
        Map<Long, Long> latest = Map.of(1L, 1_250L, 2L, 700L, 3L, 300L);
        Map<Long, String> parts = Map.of(1L, "Kafka nodes", 2L, "intake", 3L, "intake");

        Map<String, Double> seconds = CpuByPart.secondsByPart(atStart, latest, parts);

        assertThat(seconds).containsOnlyKeys(CpuByPart.PARTS);
        assertThat(seconds.get("Kafka nodes")).isCloseTo(2.5, within(1e-9));
        assertThat(seconds.get("intake")).as("2 s of the one running throughout, 3 s of the one started since")
                .isCloseTo(5.0, within(1e-9));
        assertThat(seconds.get("workflow")).isZero();
    }

    @Test
    void the_report_gives_milliseconds_per_referral_and_the_cores_busy() {
        Map<String, Double> seconds = CpuByPart.secondsByPart(Map.of(), Map.of(1L, 6_000L, 2L, 3_000L),
                Map.of(1L, "workflow", 2L, "PostgreSQL"));
        CpuByPart.Usage usage = new CpuByPart.Usage(Duration.ofSeconds(60), seconds);

        assertThat(usage.cores()).isCloseTo(1.5, within(1e-9));
        assertThat(usage.report(1_000)).contains("(60 s): 1.50 of", "90 ms per referral", "| workflow | 60.0 |",
                "| PostgreSQL | 30.0 |", "| triage | 0.0 |");
    }
}
