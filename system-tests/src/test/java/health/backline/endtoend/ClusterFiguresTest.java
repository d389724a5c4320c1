package health.backline.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fault test's arithmetic, on a made-up run: 10 outcomes a second, with a hole after the node's kill. */
class ClusterFiguresTest {

    private static final Instant START = Instant.parse("2026-12-04T10:00:00Z");

    private static Instant at(double seconds) {
        return START.plusMillis((long) (seconds * 1000));
    }

    @Test
    void the_stall_after_a_kill_the_recovery_and_the_rates_come_from_the_outcomes() {
        List<ClusterFigures.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            double due = i / 10.0;
            // Nothing reaches its outcome from 30 s to 42 s: the referrals due then arrive at 42-44 s.
            double reached = due + 1 >= 30 && due + 1 < 42 ? 42 + (due + 1 - 30) / 6 : due + 1;
            outcomes.add(new ClusterFigures.Outcome(at(due), at(due + 0.05), at(reached)));
        }
        ClusterFigures.Faults faults = new ClusterFigures.Faults(at(0), at(120), "2", at(30), at(40), at(45), at(90),
                at(100), at(101));
        OpenLoopSubmissions.Result load = new OpenLoopSubmissions.Result(List.of(), 0, Map.of(), at(0), at(120), 10.0);

        String report = new ClusterFigures(faults, outcomes).report(10, load, "2 cores");

        assertThat(report).contains("Longest stall: 12.1 s without an outcome, from 29.9 s.",
                "Kafka node 2 killed at 30.0 s (outcomes 10.0/s in the 20 s before): longest stall in the minute after"
                        + " 12.1 s (from 29.9 s), recovery 12.0 s.",
                "One instance of every service killed at 90.0 s (outcomes 10.0/s in the 20 s before): longest stall in"
                        + " the minute after 0.1 s (from 89.9 s), recovery 0 s (the outcome rate never fell below 90 %"
                        + " of before).",
                "  back in the cluster after 10.0 s, every partition in sync again after 15.0 s.",
                "  all four healthy again after 10.0 s; every consumer group with members of both instances again after 11.0 s.",
                "| before the faults; load on | 10.0 s | 30.0 s | 10.0 | 10.0 | 1.0 s | 12.8 s |",
                "| node 2 lost until in sync; load on | 30.0 s | 45.0 s | 10.0 | 10.0 |",
                "| an instance of each service lost until back; load on | 90.0 s | 100.0 s | 10.0 | 10.0 | 1.0 s | 1.0 s |")
                .as("a window shorter than a second (the last outcomes after the load) is left out")
                .doesNotContain("load over, draining");
    }

    @Test
    void a_rate_that_is_still_low_when_the_load_ends_has_not_recovered() {
        List<ClusterFigures.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            double due = i / 10.0;
            // From the kill at 30 s on, half the rate: a backlog the load never lets it catch up with.
            double reached = due < 29 ? due + 1 : 30 + (due - 29) * 2;
            outcomes.add(new ClusterFigures.Outcome(at(due), at(due), at(reached)));
        }
        ClusterFigures.Faults faults = new ClusterFigures.Faults(at(0), at(60), "1", at(30), at(35), at(36), at(40),
                at(45), at(46));
        OpenLoopSubmissions.Result load = new OpenLoopSubmissions.Result(List.of(), 0, Map.of(), at(0), at(60), 10.0);

        assertThat(new ClusterFigures(faults, outcomes).report(10, load, "2 cores"))
                .contains("Kafka node 1 killed at 30.0 s (outcomes 10.0/s in the 20 s before)", "recovery not before"
                        + " 40.0 s (the next fault or the end of the load).");
    }

    @Test
    void a_backlog_worked_off_before_a_kill_does_not_raise_the_rate_a_recovery_must_reach() {
        List<ClusterFigures.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            double due = i / 10.0;
            // Nothing reaches its outcome from 31 s to 70 s; then the backlog goes at twice the offered rate until
            // 90 s, when the kill comes, and at the offered rate after it.
            double reached = due < 30 ? due + 1 : due < 70 ? 70 + (due - 30) / 2 : due + 20;
            outcomes.add(new ClusterFigures.Outcome(at(due), at(due), at(reached)));
        }
        ClusterFigures.Faults faults = new ClusterFigures.Faults(at(0), at(120), "3", at(10), at(12), at(13), at(90),
                at(95), at(96));
        OpenLoopSubmissions.Result load = new OpenLoopSubmissions.Result(List.of(), 0, Map.of(), at(0), at(120), 10.0);

        assertThat(new ClusterFigures(faults, outcomes).report(10, load, "2 cores"))
                .contains("One instance of every service killed at 90.0 s (outcomes 20.0/s in the 20 s before)",
                        "recovery 0 s (the outcome rate never fell below 90 % of before)");
    }
}
