package health.backline.bench.resources;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void fields_are_counted_from_the_last_parenthesis_so_a_command_name_with_spaces_does_not_shift_them() {
        String line = "4242 (postgres: backline (x) 127) S 4200 4242 4242 0 -1 4194368 900 0 0 0 1234 567 89 11 20 0 1 0"
                + " 100 200000 300 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0";

        ProcStat stat = ProcStat.parse(line);

        assertThat(stat.userTicks()).isEqualTo(1234);
        assertThat(stat.systemTicks()).isEqualTo(567);
        assertThat(stat.reapedChildrenTicks()).isEqualTo(100);
        assertThat(stat.ownTicks()).isEqualTo(1801);
    }

    @Test
    void this_jvm_can_read_its_own_cpu_and_the_machine_busy_time() {
        assertThat(ProcStat.of(ProcessHandle.current().pid())).isPresent();
        assertThat(MachineCpu.parseBusy("cpu  100 5 50 9000 20 3 2 1 0 0")).isEqualTo(161);
    }
}
