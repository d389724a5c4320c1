package health.backline.starter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class UrgentFirstTest {

    private static final UrgentLane TWO_URGENT_PARTITIONS = new UrgentLane(null, 2);

    @Test
    void a_routine_record_waits_while_an_urgent_one_is_in_hand_and_goes_when_it_is_done() throws Exception {
        UrgentFirst gate = new UrgentFirst(TWO_URGENT_PARTITIONS, Duration.ofMinutes(1));
        ConsumerRecord<Object, Object> urgent = record(1);
        gate.intercept(urgent, null);

        CompletableFuture<Void> routine = CompletableFuture.runAsync(() -> gate.intercept(record(7), null));
        Thread.sleep(300);
        assertThat(routine).isNotDone();

        gate.afterRecord(urgent, null);
        routine.get(5, TimeUnit.SECONDS);
    }

    @Test
    void a_routine_record_never_waits_longer_than_the_limit() throws Exception {
        UrgentFirst gate = new UrgentFirst(TWO_URGENT_PARTITIONS, Duration.ofMillis(200));
        gate.intercept(record(0), null);

        CompletableFuture.runAsync(() -> gate.intercept(record(5), null)).get(5, TimeUnit.SECONDS);
    }

    @Test
    void urgent_records_never_wait() throws Exception {
        UrgentFirst gate = new UrgentFirst(TWO_URGENT_PARTITIONS, Duration.ofMinutes(1));
        gate.intercept(record(0), null);

        CompletableFuture.runAsync(() -> gate.intercept(record(1), null)).get(5, TimeUnit.SECONDS);
    }

    @Test
    void a_record_that_never_reached_the_gate_is_not_counted_off() throws Exception {
        UrgentFirst gate = new UrgentFirst(TWO_URGENT_PARTITIONS, Duration.ofMinutes(1));
        gate.afterRecord(record(0), null); // an urgent record that failed to deserialise: never intercepted
        ConsumerRecord<Object, Object> urgent = record(1);
        gate.intercept(urgent, null);

        CompletableFuture<Void> routine = CompletableFuture.runAsync(() -> gate.intercept(record(7), null));
        Thread.sleep(300);
        assertThat(routine).as("a routine record still waits for the urgent one in hand").isNotDone();
        gate.afterRecord(urgent, null);
        routine.get(5, TimeUnit.SECONDS);
    }

    private static ConsumerRecord<Object, Object> record(int partition) {
        return new ConsumerRecord<>("referrals.submitted", partition, 0L, "referral", "event");
    }
}
