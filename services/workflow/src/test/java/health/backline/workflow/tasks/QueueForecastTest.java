package health.backline.workflow.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import health.backline.workflow.tasks.QueueForecast.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deadline model of a queue (ADR 22), clock in hand. */
class QueueForecastTest {

    static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    static final Duration HORIZON = Duration.ofHours(2);

    @Test
    void an_empty_queue_is_on_track_with_nothing_due() {
        QueueForecast forecast = QueueForecast.of(List.of(), 0, NOW, HORIZON);

        assertThat(forecast).isEqualTo(new QueueForecast(0, null, null, Status.ON_TRACK));
    }

    @Test
    void with_nothing_completed_in_the_last_hour_every_task_breaches_at_its_due() {
        QueueForecast forecast = QueueForecast.of(dues(180, 90), 0, NOW, HORIZON);

        assertThat(forecast.breachIn()).isEqualTo(Duration.ofMinutes(90));
        assertThat(forecast.nextDue()).isEqualTo(NOW.plus(Duration.ofMinutes(90)));
        assertThat(forecast.status()).isEqualTo(Status.AT_RISK);
    }

    @Test
    void a_breach_beyond_the_horizon_is_projected_but_on_track() {
        QueueForecast forecast = QueueForecast.of(dues(180), 0, NOW, HORIZON);

        assertThat(forecast.breachIn()).isEqualTo(Duration.ofHours(3));
        assertThat(forecast.status()).isEqualTo(Status.ON_TRACK);
    }

    @Test
    void at_the_last_hours_pace_every_task_is_done_in_time() {
        // Six an hour: done at +10, +20 and +30 min; due at +15, +25 and +60 min.
        QueueForecast forecast = QueueForecast.of(dues(15, 25, 60), 6, NOW, HORIZON);

        assertThat(forecast.breachIn()).isNull();
        assertThat(forecast.status()).isEqualTo(Status.ON_TRACK);
    }

    @Test
    void the_first_task_that_the_pace_reaches_too_late_breaches_at_its_due() {
        // Two an hour: done at +30, +60, +90 min; the second (due +50) and the third (due +45) are reached too late,
        // and the third is due first.
        QueueForecast forecast = QueueForecast.of(dues(40, 50, 45), 2, NOW, HORIZON);

        assertThat(forecast.breachIn()).isEqualTo(Duration.ofMinutes(45));
        assertThat(forecast.status()).isEqualTo(Status.AT_RISK);
    }

    @Test
    void the_queue_order_counts_an_urgent_task_ahead_of_an_earlier_routine_one() {
        // The work order puts the urgent task (due +100 min) first: the routine one (due +50) waits behind it.
        QueueForecast urgentFirst = QueueForecast.of(dues(100, 50), 2, NOW, HORIZON);
        QueueForecast earliestFirst = QueueForecast.of(dues(50, 100), 2, NOW, HORIZON);

        assertThat(urgentFirst.breachIn()).isEqualTo(Duration.ofMinutes(50));
        assertThat(earliestFirst.breachIn()).isNull();
    }

    @Test
    void a_task_past_its_due_makes_the_queue_overdue_and_still_takes_its_turn() {
        // One overdue, then a task due in +50 min: at one an hour it is reached at +120 min.
        QueueForecast forecast = QueueForecast.of(dues(-5, 50), 1, NOW, HORIZON);

        assertThat(forecast.overdue()).isEqualTo(1);
        assertThat(forecast.nextDue()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
        assertThat(forecast.breachIn()).isEqualTo(Duration.ofMinutes(50));
        assertThat(forecast.status()).isEqualTo(Status.OVERDUE);
    }

    @Test
    void tasks_without_a_due_never_breach_but_take_their_turn() {
        QueueForecast forecast = QueueForecast.of(Arrays.asList(null, null, NOW.plus(Duration.ofMinutes(80))), 2, NOW, HORIZON);

        assertThat(forecast.nextDue()).isEqualTo(NOW.plus(Duration.ofMinutes(80)));
        assertThat(forecast.breachIn()).isEqualTo(Duration.ofMinutes(80));
        assertThat(QueueForecast.of(Arrays.asList((Instant) null), 0, NOW, HORIZON).status()).isEqualTo(Status.ON_TRACK);
    }

    @Test
    void a_task_due_now_is_at_risk_not_overdue() {
        QueueForecast forecast = QueueForecast.of(dues(0), 0, NOW, HORIZON);

        assertThat(forecast.overdue()).isZero();
        assertThat(forecast.breachIn()).isEqualTo(Duration.ZERO);
        assertThat(forecast.status()).isEqualTo(Status.AT_RISK);
    }

    /** Due times this many minutes from now, in work order. */
    private static List<Instant> dues(int... minutes) {
        return Arrays.stream(minutes).mapToObj(m -> NOW.plus(Duration.ofMinutes(m))).toList();
    }
}
