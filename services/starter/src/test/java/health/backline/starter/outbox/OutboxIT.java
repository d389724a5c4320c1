package health.backline.starter.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.events.Pathway;
import health.backline.events.Priority;
import health.backline.events.ReferralStatus;
import health.backline.events.Topics;
import health.backline.events.payload.ReferralStatusChanged;
import health.backline.starter.kafka.UrgentLane;
import health.backline.starter.outbox.KafkaEventRelay.OutboxSettings;
import health.backline.starter.tracing.TraceParents;
import health.backline.testsupport.KafkaRecords;
import health.backline.testsupport.RealInfrastructure;
import health.backline.testsupport.WithRealInfrastructure;
import io.cloudevents.CloudEvent;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The transactional outbox against a real broker and database: after commit, nothing lost, in order, in its trace. */
@SpringBootTest
@AutoConfigureObservability(metrics = false)
@WithRealInfrastructure
class OutboxIT {

    @Autowired
    EventOutbox outbox;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OutboxTable table;

    @Autowired
    KafkaTemplate<String, CloudEvent> kafka;

    @Autowired
    UrgentLane urgentLane;

    @Autowired
    ObjectMapper objectMapper;

    @Autowired
    TraceParents traceParents;

    @Autowired
    Tracer tracer;

    @Test
    void an_event_reaches_kafka_only_once_its_transaction_commits() {
        KafkaRecords status = KafkaRecords.of(RealInfrastructure.get(), Topics.REFERRALS_STATUS);
        String referral = UUID.randomUUID().toString();

        transaction.executeWithoutResult(tx -> {
            outbox.publish(statusChange(referral, "committed"));
            assertThat(status.received()).noneMatch(r -> r.key().equals(referral));
        });

        ConsumerRecord<String, byte[]> record = status.await(r -> r.key().equals(referral));
        assertThat(header(record, "ce_type")).isEqualTo("backline.referral.status-changed.v1");
        assertThat(header(record, "ce_subject")).isEqualTo(referral);
        await().atMost(Duration.ofSeconds(10)).until(() -> unsentEvents() == 0);
    }

    @Test
    void a_rolled_back_change_sends_nothing() {
        KafkaRecords status = KafkaRecords.of(RealInfrastructure.get(), Topics.REFERRALS_STATUS);
        String referral = UUID.randomUUID().toString();
        String marker = UUID.randomUUID().toString();

        transaction.executeWithoutResult(tx -> {
            outbox.publish(statusChange(referral, "rolled back"));
            tx.setRollbackOnly();
        });
        transaction.executeWithoutResult(tx -> outbox.publish(statusChange(marker, "after the rollback")));

        status.await(r -> r.key().equals(marker));
        assertThat(status.received()).noneMatch(r -> r.key().equals(referral));
    }

    @Test
    void events_the_broker_refused_are_retried_and_keep_their_referral_in_order() throws Exception {
        KafkaRecords status = KafkaRecords.of(RealInfrastructure.get(), Topics.REFERRALS_STATUS);
        String waiting = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealInfrastructure.get().kafkaBootstrapServers()))) {
            limitMessageSize(admin, "2048");
            try {
                transaction.executeWithoutResult(tx -> outbox.publish(statusChange(waiting, "x".repeat(5000))));
                transaction.executeWithoutResult(tx -> outbox.publish(statusChange(waiting, "second")));
                transaction.executeWithoutResult(tx -> outbox.publish(statusChange(other, "unaffected")));

                status.await(r -> r.key().equals(other));
                assertThat(status.received()).noneMatch(r -> r.key().equals(waiting));
                assertThat(unsentEvents()).isEqualTo(2);
            } finally {
                limitMessageSize(admin, "1048588");
            }
        }

        await().atMost(Duration.ofSeconds(30)).until(() ->
                status.received().stream().filter(r -> r.key().equals(waiting)).count() == 2);
        List<String> details = status.received().stream().filter(r -> r.key().equals(waiting))
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        assertThat(details.get(0)).contains("xxxxx");
        assertThat(details.get(1)).contains("second");
        await().atMost(Duration.ofSeconds(10)).until(() -> unsentEvents() == 0);
    }

    /** More committing threads than database connections: committing never waits for Kafka. */
    @Test
    void forty_threads_committing_at_once_all_get_their_events_out() throws Exception {
        KafkaRecords status = KafkaRecords.of(RealInfrastructure.get(), Topics.REFERRALS_STATUS);
        List<String> referrals = IntStream.range(0, 40).mapToObj(i -> UUID.randomUUID().toString()).toList();
        var threads = Executors.newFixedThreadPool(40);
        try {
            List<Future<?>> commits = referrals.stream().map(referral -> threads.submit(() ->
                    transaction.executeWithoutResult(tx -> outbox.publish(statusChange(referral, "concurrent")))))
                    .collect(java.util.stream.Collectors.toList());
            for (var commit : commits) {
                commit.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdown();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> status.received().stream().map(r -> r.key())
                .collect(java.util.stream.Collectors.toSet()).containsAll(referrals));
    }

    @Test
    void a_burst_from_many_threads_reaches_kafka_once_each_and_in_each_referrals_order() throws Exception {
        KafkaRecords status = KafkaRecords.of(RealInfrastructure.get(), Topics.REFERRALS_STATUS);
        List<String> referrals = IntStream.range(0, 200).mapToObj(i -> UUID.randomUUID().toString()).toList();
        EightCommittingThreads.commit(transaction, outbox, referrals, 5);

        await().atMost(Duration.ofSeconds(60)).until(() -> unsentEvents() == 0);
        List<ConsumerRecord<String, byte[]>> ours = ours(status.allUpToNow(), referrals);
        assertThat(ours).hasSize(1000);
        assertThat(detailsByReferral(ours).values()).allMatch(details -> details.equals(List.of("0", "1", "2", "3", "4")));
    }

    /** A second instance of the service relays other lanes, never the ones this one holds. */
    @Test
    void lanes_held_by_another_instance_are_not_relayed_until_it_lets_go() throws Exception {
        KafkaRecords status = KafkaRecords.of(RealInfrastructure.get(), Topics.REFERRALS_STATUS);
        String referral = UUID.randomUUID().toString();
        try (HeldLanes held = holdAllLanes()) {
            transaction.executeWithoutResult(tx -> outbox.publish(statusChange(referral, "waits")));
            // Many relay rounds (one every poll interval) pass; the event stays unsent all along.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                    unsentEvents() == 1 && status.received().stream().noneMatch(r -> r.key().equals(referral)));
        }
        status.await(r -> r.key().equals(referral));
        await().atMost(Duration.ofSeconds(10)).until(() -> unsentEvents() == 0);
    }

    /** The relay's thread carries no trace: the record continues the writer's, child of a span the writer's made. */
    @Test
    void an_event_is_sent_in_the_trace_of_the_transaction_that_wrote_it() {
        KafkaRecords status = KafkaRecords.of(RealInfrastructure.get(), Topics.REFERRALS_STATUS);
        String referral = UUID.randomUUID().toString();
        Span writer = tracer.nextSpan().name("writer").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(writer)) {
            transaction.executeWithoutResult(tx -> outbox.publish(statusChange(referral, "traced")));
        } finally {
            writer.end();
        }

        String[] traceParent = header(status.await(r -> r.key().equals(referral)), "traceparent").split("-");
        assertThat(traceParent[1]).isEqualTo(writer.context().traceId());
        assertThat(traceParent[2]).as("the relay's send span").isNotEqualTo(writer.context().spanId());
    }

    @Test
    void two_relays_at_once_send_each_event_once_and_in_order() throws Exception {
        KafkaRecords status = KafkaRecords.of(RealInfrastructure.get(), Topics.REFERRALS_STATUS);
        List<String> referrals = IntStream.range(0, 200).mapToObj(i -> UUID.randomUUID().toString()).toList();
        // Small batches, polled all the time: the two relays compete for lanes round after round.
        var eager = new OutboxSettings(50, Duration.ofMillis(5), Duration.ofSeconds(2), Duration.ofSeconds(25));
        var secondInstance = new OutboxRelayLoop(new KafkaEventRelay(kafka, table, transaction, urgentLane, eager,
                Clock.systemUTC(), traceParents), eager);
        secondInstance.start();
        try {
            EightCommittingThreads.commit(transaction, outbox, referrals, 5);
            await().atMost(Duration.ofSeconds(60)).until(() -> unsentEvents() == 0);
        } finally {
            secondInstance.stop();
        }
        List<ConsumerRecord<String, byte[]>> ours = ours(status.allUpToNow(), referrals);
        assertThat(ours).hasSize(1000);
        assertThat(detailsByReferral(ours).values()).allMatch(details -> details.equals(List.of("0", "1", "2", "3", "4")));
    }

    @Test
    void stat_events_leave_first_then_urgent_ones_then_routine_ones_each_on_partitions_of_their_lane() throws Exception {
        KafkaRecords status = KafkaRecords.of(RealInfrastructure.get(), Topics.REFERRALS_STATUS);
        List<String> routine = IntStream.range(0, 300).mapToObj(i -> UUID.randomUUID().toString()).toList();
        List<String> imaging = IntStream.range(0, 20).mapToObj(i -> UUID.randomUUID().toString()).toList();
        String emergency = UUID.randomUUID().toString();
        try (HeldLanes held = holdAllLanes()) {
            routine.forEach(referral -> transaction.executeWithoutResult(tx -> outbox.publish(statusChange(referral, "routine"))));
            imaging.forEach(referral -> transaction.executeWithoutResult(tx -> outbox.publish(new ReferralStatusChanged(
                    referral, ReferralStatus.AWAITING_REVIEW, Pathway.URGENT_IMAGING, "urgent", Instant.now()))));
            transaction.executeWithoutResult(tx -> outbox.publish(new ReferralStatusChanged(emergency, ReferralStatus.SCHEDULED,
                    Pathway.ER_REFERRAL, "stat", Instant.now())));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> unsentEvents() == 0);

        List<ConsumerRecord<String, byte[]>> all = status.allUpToNow();
        ConsumerRecord<String, byte[]> stat = all.stream().filter(r -> r.key().equals(emergency)).findFirst().orElseThrow();
        assertThat(stat.partition()).isZero();
        List<ConsumerRecord<String, byte[]>> urgentRecords = ours(all, imaging);
        assertThat(urgentRecords).hasSize(20).allMatch(r -> r.partition() == 1)
                .allMatch(r -> r.timestamp() >= stat.timestamp());
        long lastUrgent = urgentRecords.stream().mapToLong(ConsumerRecord::timestamp).max().orElseThrow();
        List<ConsumerRecord<String, byte[]>> routineRecords = ours(all, routine);
        assertThat(routineRecords).hasSize(300).allMatch(r -> !urgentLane.isUrgent(r.partition()));
        assertThat(routineRecords).allMatch(r -> r.timestamp() >= lastUrgent);
    }

    @Test
    void events_a_crash_left_in_the_outbox_are_sent_without_a_commit_to_wake_the_relay() {
        KafkaRecords status = KafkaRecords.of(RealInfrastructure.get(), Topics.REFERRALS_STATUS);
        String referral = UUID.randomUUID().toString();
        transaction.executeWithoutResult(tx -> table.insert(new OutboundEvent(UUID.randomUUID().toString(),
                "backline.referral.status-changed.v1", Topics.REFERRALS_STATUS, referral, Priority.ROUTINE, Instant.now(),
                "/backline/events-test", "{\"referralId\":\"" + referral + "\",\"status\":\"SCHEDULED\"}", null)));

        status.await(r -> r.key().equals(referral));
        await().atMost(Duration.ofSeconds(10)).until(() -> unsentEvents() == 0);
    }

    /** Another instance's relay round: all lanes locked until closed. */
    private HeldLanes holdAllLanes() throws Exception {
        var locked = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var thread = new Thread(() -> transaction.executeWithoutResult(tx -> {
            // The relay's own polls take every lane for a moment: try again until this transaction holds all 16
            // (its advisory locks stay held, and taking one it holds again succeeds). CI once met a poll here.
            await().atMost(Duration.ofSeconds(20)).pollInSameThread().pollInterval(Duration.ofMillis(20))
                    .until(() -> table.lockFreeLanes().size() == 16);
            locked.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        thread.start();
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
        return () -> {
            release.countDown();
            thread.join(30_000);
        };
    }

    private interface HeldLanes extends AutoCloseable {
        @Override
        void close() throws InterruptedException;
    }

    private static List<ConsumerRecord<String, byte[]>> ours(List<ConsumerRecord<String, byte[]>> records, List<String> referrals) {
        var wanted = new HashSet<>(referrals);
        return records.stream().filter(r -> wanted.contains(r.key())).toList();
    }

    private Map<String, List<String>> detailsByReferral(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        Map<String, List<String>> details = new HashMap<>();
        for (var record : records) {
            details.computeIfAbsent(record.key(), key -> new ArrayList<>())
                    .add(objectMapper.readTree(record.value()).get("detail").asText());
        }
        return details;
    }

    private long unsentEvents() {
        return jdbc.sql("SELECT count(*) FROM outbox_event").query(Long.class).single();
    }

    private static void limitMessageSize(Admin admin, String bytes) throws Exception {
        var topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.REFERRALS_STATUS);
        admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                new ConfigEntry("max.message.bytes", bytes), AlterConfigOp.OpType.SET)))).all().get(10, TimeUnit.SECONDS);
        // The broker applies topic configuration asynchronously; wait until it reports the new value.
        await().atMost(Duration.ofSeconds(10)).until(() -> bytes.equals(admin.describeConfigs(List.of(topic)).all()
                .get(10, TimeUnit.SECONDS).get(topic).get("max.message.bytes").value()));
    }

    private static ReferralStatusChanged statusChange(String referral, String detail) {
        return new ReferralStatusChanged(referral, ReferralStatus.SCHEDULED, Pathway.PHYSICAL_THERAPY, detail, Instant.now());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
