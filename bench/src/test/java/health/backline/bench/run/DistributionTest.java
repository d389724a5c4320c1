package health.backline.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class DistributionTest {

    @Test
    void percentiles_are_nearest_rank_samples_never_interpolations() {
        double[] sorted = {10, 20, 30, 40};

        assertThat(Distribution.percentile(sorted, 50)).isEqualTo(20);
        assertThat(Distribution.percentile(sorted, 51)).isEqualTo(30);
        assertThat(Distribution.percentile(sorted, 99)).isEqualTo(40);
        assertThat(Distribution.percentile(sorted, 100)).isEqualTo(40);
        assertThat(Distribution.percentile(new double[] {7}, 1)).isEqualTo(7);
    }

    @Test
    void of_a_hundred_samples_p99_is_the_99th_smallest_and_max_the_largest() {
        List<Duration> samples = new ArrayList<>();
        for (int ms = 1; ms <= 100; ms++) {
            samples.add(Duration.ofMillis(ms));
        }
        Collections.shuffle(samples);

        Distribution distribution = Distribution.of(samples);

        assertThat(distribution).isEqualTo(new Distribution(100, 50, 90, 99, 100));
    }

    @Test
    void no_samples_give_an_empty_distribution_and_a_bad_percentile_is_refused() {
        assertThat(Distribution.of(List.of()).isEmpty()).isTrue();
        assertThatThrownBy(() -> Distribution.percentile(new double[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Distribution.percentile(new double[0], 50)).isInstanceOf(IllegalArgumentException.class);
    }
}
