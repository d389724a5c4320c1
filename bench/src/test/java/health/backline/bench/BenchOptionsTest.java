package health.backline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void durations_read_as_people_write_them() {
        assertThat(BenchOptions.parseDuration("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(BenchOptions.parseDuration("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(BenchOptions.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(BenchOptions.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(BenchOptions.parseDuration("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void the_defaults_are_the_contract_users_and_the_launcher_data_directory() {
        BenchOptions options = BenchOptions.parse(List.of("--rate", "50", "--duration=30s"));

        assertThat(options.rate()).isEqualTo(50);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.frontDesk().user()).isEqualTo("frontdesk");
        assertThat(options.scheduler().password()).isEqualTo("scheduler");
        assertThat(options.dataDirectory().toString()).isEqualTo(".backline");
        assertThat(options.references()).isTrue();
    }

    @Test
    void unknown_options_and_impossible_values_are_refused() {
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--rte", "50")))
                .hasMessageContaining("Unknown option --rte");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--rate", "0"))).hasMessageContaining("--rate");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--find-max", "--er-probe")))
                .hasMessageContaining("choose one");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--duration", "soon"))).hasMessageContaining("not a duration");
    }
}
