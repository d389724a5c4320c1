package health.backline.starter.outbox;

import health.backline.events.Topics;
import health.backline.testsupport.KafkaRecords;
import health.backline.testsupport.RealInfrastructure;
import health.backline.testsupport.WithRealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A benchmark of the outbox alone, not a test: it asserts nothing and is run only on demand
 * ({@code mvn -pl services/starter verify -Dit.test=OutboxBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}).
 * Eight threads commit one event per transaction, as the services do, for 2,000 referrals with five events each,
 * against the real broker and database. It prints the commit rate, how long the relay took to get everything onto
 * Kafka, records per event, referrals whose events arrived out of order, the database work per event, and the
 * delay from commit to the broker's timestamp.
 */
@SpringBootTest
@WithRealInfrastructure
class OutboxBenchmark {

    private static final int REFERRALS = 2_000;
    private static final int EVENTS_PER_REFERRAL = 5;

    @Autowired
    EventOutbox outbox;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    @Test
    void relay_throughput() throws Exception {
        run("warm-up", 200);
        for (int round = 1; round <= 3; round++) {
            run("round " + round, REFERRALS);
        }
    }

    private void run(String name, int referrals) throws Exception {
        KafkaRecords status = KafkaRecords.of(RealInfrastructure.get(), Topics.REFERRALS_STATUS);
        status.allUpToNow();
        List<String> keys = IntStream.range(0, referrals).mapToObj(i -> UUID.randomUUID().toString()).toList();
        Map<String, Long> before = databaseWork();
        Instant start = Instant.now();
        EightCommittingThreads.commit(transaction, outbox, keys, EVENTS_PER_REFERRAL);
        Instant committed = Instant.now();
        List<ConsumerRecord<String, byte[]>> ours = awaitAll(status, keys, referrals * EVENTS_PER_REFERRAL);
        Instant drained = Instant.now();
        Map<String, Long> after = databaseWork();

        int events = referrals * EVENTS_PER_REFERRAL;
        System.out.printf("%n[outbox benchmark] %s: %d events for %d referrals, %d committing threads%n",
                name, events, referrals, 8);
        System.out.printf("  committed in %d ms (%.0f events/s); all on Kafka after %d ms (%.0f events/s end to end)%n",
                millis(start, committed), events * 1000.0 / millis(start, committed), millis(start, drained),
                events * 1000.0 / millis(start, drained));
        System.out.printf("  records on the topic / events: %.3f; referrals out of order: %d%n",
                ours.size() / (double) events, outOfOrder(ours));
        after.forEach((what, value) -> System.out.printf("  %s per event: %.2f%n", what,
                (value - before.getOrDefault(what, 0L)) / (double) events));
        List<Long> delays = ours.stream().map(this::commitToBroker).sorted().toList();
        System.out.printf("  commit -> broker: p50 %d ms, p99 %d ms, max %d ms%n", percentile(delays, 50),
                percentile(delays, 99), delays.get(delays.size() - 1));
    }

    private static List<ConsumerRecord<String, byte[]>> awaitAll(KafkaRecords status, List<String> keys, int events) {
        var wanted = new java.util.HashSet<>(keys);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (true) {
            List<ConsumerRecord<String, byte[]>> ours = status.received().stream().filter(r -> wanted.contains(r.key())).toList();
            if (ours.size() >= events || Instant.now().isAfter(deadline)) {
                // Read on to the end, so late duplicates are counted too.
                return status.allUpToNow().stream().filter(r -> wanted.contains(r.key())).toList();
            }
        }
    }

    /** Referrals whose details did not arrive as 0, 1, 2, ... (a duplicate that repeats the last one is in order). */
    private static long outOfOrder(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, Integer> last = new HashMap<>();
        var late = new java.util.HashSet<String>();
        for (var record : records) {
            int n = Integer.parseInt(new String(record.value(), StandardCharsets.UTF_8).replaceAll(".*\"detail\":\"(\\d+)\".*", "$1"));
            Integer previous = last.put(record.key(), n);
            if (previous != null && n < previous) {
                late.add(record.key());
            }
        }
        return late.size();
    }

    private long commitToBroker(ConsumerRecord<String, byte[]> record) {
        Instant at = Instant.parse(new String(record.headers().lastHeader("ce_time").value(), StandardCharsets.UTF_8));
        return record.timestamp() - at.toEpochMilli();
    }

    private Map<String, Long> databaseWork() {
        return jdbc.sql("""
                        SELECT xact_commit AS transactions, tup_inserted AS "rows inserted", tup_updated AS "rows updated",
                               tup_deleted AS "rows deleted", tup_fetched AS "rows fetched"
                        FROM pg_stat_database WHERE datname = current_database()""")
                .query((row, n) -> {
                    Map<String, Long> work = new java.util.LinkedHashMap<>();
                    for (String column : List.of("transactions", "rows inserted", "rows updated", "rows deleted", "rows fetched")) {
                        work.put(column, row.getLong(column));
                    }
                    return work;
                }).single();
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static long millis(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }
}
