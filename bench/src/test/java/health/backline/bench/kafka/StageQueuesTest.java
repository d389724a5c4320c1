package health.backline.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import health.backline.bench.kafka.StageQueues.Length;
import health.backline.bench.kafka.StageQueues.Queue;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageQueuesTest {

    @Test
    void each_queue_is_what_one_stage_wrote_and_the_next_has_not_yet() {
        StageQueues queues = new StageQueues();

        queues.add(gained(90, 60, 100, 40, 38), 100, false);

        assertThat(queues.lengths()).containsExactly(
                Map.entry(Queue.INTAKE_OUTBOX, new Length(0, 10)),
                Map.entry(Queue.TRIAGE, new Length(0, 30)),
                Map.entry(Queue.WORKFLOW, new Length(0, 20)),
                Map.entry(Queue.SCHEDULING, new Length(0, 2)));
    }

    @Test
    void the_first_sample_after_the_load_ended_is_kept_beside_the_peak() {
        StageQueues queues = new StageQueues();

        queues.add(gained(50, 10, 20, 0, 0), 60, false);
        queues.add(gained(100, 60, 100, 40, 40), 100, true);
        queues.add(gained(100, 100, 200, 85, 85), 100, true);

        assertThat(queues.lengths().get(Queue.TRIAGE)).isEqualTo(new Length(40, 40));
        assertThat(queues.lengths().get(Queue.INTAKE_OUTBOX)).isEqualTo(new Length(0, 10));
    }

    @Test
    void gains_are_counted_from_the_offsets_at_the_start() {
        assertThat(StageQueues.gained(Map.of("referrals.submitted", 1000L), Map.of("referrals.submitted", 1250L)))
                .containsEntry("referrals.submitted", 250L);
    }

    private static Map<String, Long> gained(long submitted, long triaged, long status, long requested, long outcome) {
        return Map.of("referrals.submitted", submitted, "referrals.triaged", triaged, "referrals.status", status,
                "appointments.requested", requested, "appointments.outcome", outcome);
    }
}
