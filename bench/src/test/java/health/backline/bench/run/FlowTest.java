package health.backline.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowTest {

    private static final Instant START = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration LENGTH = Duration.ofSeconds(10);

    @Test
    void a_system_that_keeps_up_completes_at_the_offered_rate_whatever_its_latency() {
        List<Instant> due = arrivals(10);
        List<Instant> ends = due.stream().map(at -> at.plusMillis(1500)).toList();

        assertThat(Flow.completionRate(START, LENGTH, ends)).isEqualTo(10.0);
        // Little's law: 10 a second that each take 1.5 s are 15 open at any time, give or take the one due next.
        assertThat(Flow.backlogAt(START.plus(LENGTH.dividedBy(2)), due, ends)).isCloseTo(15, within(1));
        assertThat(Flow.backlogAt(START.plus(LENGTH), due, ends)).isCloseTo(15, within(1));
    }

    @Test
    void one_that_falls_behind_completes_fewer_and_its_backlog_grows() {
        List<Instant> due = arrivals(10);
        List<Instant> ends = new ArrayList<>();
        for (int i = 0; i < due.size(); i++) {
            ends.add(START.plusMillis(200 + i * 200L)); // serves 5 a second
        }

        assertThat(Flow.completionRate(START, LENGTH, ends)).isEqualTo(5.0);
        assertThat(Flow.busyCompletionRate(ends)).isCloseTo(5.0, within(0.001));
        assertThat(Flow.backlogAt(START.plus(LENGTH), due, ends))
                .isGreaterThan(Flow.backlogAt(START.plus(LENGTH.dividedBy(2)), due, ends));
    }

    private static List<Instant> arrivals(int perSecond) {
        List<Instant> due = new ArrayList<>();
        for (int i = 0; i < perSecond * LENGTH.toSeconds(); i++) {
            due.add(START.plusNanos(i * 1_000_000_000L / perSecond));
        }
        return due;
    }
}
