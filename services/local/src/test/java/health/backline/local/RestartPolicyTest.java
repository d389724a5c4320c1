package health.backline.local;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RestartPolicyTest {

    private static final Instant NINE_O_CLOCK = Instant.parse("2026-12-02T09:00:00Z");

    private final RestartPolicy policy = new RestartPolicy();

    @Test
    void the_wait_doubles_from_one_second_and_never_exceeds_thirty() {
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 40).stream().map(RestartPolicy::waitBefore).toList()).containsExactly(
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(16), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    @Test
    void a_service_that_keeps_dying_at_once_is_given_up_on_at_the_fifth_failure_within_five_minutes() {
        List<Optional<Duration>> waits = new ArrayList<>();
        Instant now = NINE_O_CLOCK;
        for (int failure = 1; failure <= 5; failure++) {
            Instant startedAt = now;
            now = now.plusSeconds(10);
            waits.add(policy.failed(startedAt, now));
        }

        assertThat(waits).containsExactly(Optional.of(Duration.ofSeconds(1)), Optional.of(Duration.ofSeconds(2)),
                Optional.of(Duration.ofSeconds(4)), Optional.of(Duration.ofSeconds(8)), Optional.empty());
    }

    @Test
    void failures_spread_wider_than_the_window_are_never_given_up_on_but_wait_longer_each_time() {
        List<Optional<Duration>> waits = new ArrayList<>();
        Instant now = NINE_O_CLOCK;
        for (int failure = 1; failure <= 8; failure++) {
            Instant startedAt = now;
            now = now.plus(Duration.ofMinutes(2));
            waits.add(policy.failed(startedAt, now));
        }

        assertThat(waits).allMatch(Optional::isPresent);
        assertThat(waits.get(7)).hasValue(Duration.ofSeconds(30));
    }

    @Test
    void a_run_that_lasted_the_whole_window_starts_the_series_again() {
        policy.failed(NINE_O_CLOCK, NINE_O_CLOCK.plusSeconds(5));
        policy.failed(NINE_O_CLOCK.plusSeconds(6), NINE_O_CLOCK.plusSeconds(10));

        Instant backAt = NINE_O_CLOCK.plusSeconds(12);
        assertThat(policy.failed(backAt, backAt.plus(Duration.ofMinutes(6)))).hasValue(Duration.ofSeconds(1));
    }
}
