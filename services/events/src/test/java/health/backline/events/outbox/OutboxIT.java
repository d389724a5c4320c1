package health.backline.events.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import health.backline.events.Pathway;
import health.backline.events.ReferralStatus;
import health.backline.events.Topics;
import health.backline.events.payload.ReferralStatusChanged;
import health.backline.testsupport.KafkaRecords;
import health.backline.testsupport.RealInfrastructure;
import health.backline.testsupport.WithRealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.support.TransactionTemplate;

/** The transactional outbox against a real broker and database: after commit, nothing lost, in order. */
@SpringBootTest
@WithRealInfrastructure
class OutboxIT {

    @Autowired
    EventOutbox outbox;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @Qualifier(OutboxWiring.RELAY_EXECUTOR)
    ThreadPoolTaskExecutor relayThread;

    @Autowired
    OutboxRetry retry;

    @Value("${backline.outbox.retry-after}")
    Duration retryAfter;

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

    /** More committing threads than database connections: committing never waits for Kafka or the registry. */
    @Test
    void forty_threads_committing_at_once_all_get_their_events_out() throws Exception {
        KafkaRecords status = KafkaRecords.of(RealInfrastructure.get(), Topics.REFERRALS_STATUS);
        List<String> referrals = java.util.stream.IntStream.range(0, 40).mapToObj(i -> UUID.randomUUID().toString()).toList();
        var threads = java.util.concurrent.Executors.newFixedThreadPool(40);
        try {
            List<java.util.concurrent.Future<?>> commits = referrals.stream().map(referral -> threads.submit(() ->
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

    /**
     * Under a backlog a retry round can be queued on the relay's thread ahead of events committed after it. By the
     * time it runs they are older than the retry cutoff; it used to hand them back, and each went out twice.
     */
    @Test
    void events_queued_behind_a_busy_relay_go_out_once_even_when_a_retry_round_is_queued_ahead_of_them()
            throws Exception {
        KafkaRecords status = KafkaRecords.of(RealInfrastructure.get(), Topics.REFERRALS_STATUS);
        List<String> referrals = java.util.stream.IntStream.range(0, 5).mapToObj(i -> UUID.randomUUID().toString()).toList();
        java.util.concurrent.CountDownLatch busy = new java.util.concurrent.CountDownLatch(1);
        relayThread.execute(() -> {
            try {
                busy.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        retry.retryUnsent();
        Instant committed = Instant.now();
        referrals.forEach(referral -> transaction.executeWithoutResult(tx -> outbox.publish(statusChange(referral, "queued"))));

        await().atMost(retryAfter.plusSeconds(10)).until(() -> Instant.now().isAfter(committed.plus(retryAfter)));
        busy.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> unsentEvents() == 0);
        relayIsIdle();

        List<String> keys = status.allUpToNow().stream().map(ConsumerRecord::key).filter(referrals::contains).toList();
        assertThat(keys).hasSize(5).doesNotHaveDuplicates();
    }

    /** Everything queued on the relay's single thread before this call has run. */
    private void relayIsIdle() throws Exception {
        java.util.concurrent.CompletableFuture<Void> reached = new java.util.concurrent.CompletableFuture<>();
        relayThread.execute(() -> reached.complete(null));
        reached.get(30, TimeUnit.SECONDS);
    }

    private long unsentEvents() {
        return jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL").query(Long.class).single();
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
