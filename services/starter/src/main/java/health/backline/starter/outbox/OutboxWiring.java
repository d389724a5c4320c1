package health.backline.starter.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.starter.kafka.UrgentLane;
import health.backline.starter.outbox.KafkaEventRelay.OutboxSettings;
import health.backline.starter.tracing.TraceParents;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The transactional outbox: store with the change, relay in batches after commit, retry what Kafka refused. */
@Configuration(proxyBeanMethods = false)
public class OutboxWiring {

    @Bean
    OutboxSettings outboxSettings(@Value("${backline.outbox.batch-size}") int batchSize,
                                  @Value("${backline.outbox.poll-interval}") Duration pollInterval,
                                  @Value("${backline.outbox.retry-interval}") Duration retryInterval,
                                  @Value("${backline.outbox.send-timeout}") Duration sendTimeout) {
        return new OutboxSettings(batchSize, pollInterval, retryInterval, sendTimeout);
    }

    @Bean
    OutboxTable outboxTable(JdbcClient jdbc) {
        return new OutboxTable(jdbc);
    }

    @Bean
    KafkaEventRelay kafkaEventRelay(KafkaTemplate<String, CloudEvent> kafka, OutboxTable table,
                                    TransactionTemplate transaction, UrgentLane urgentLane, OutboxSettings settings,
                                    Clock clock, TraceParents traceParents) {
        return new KafkaEventRelay(kafka, table, transaction, urgentLane, settings, clock, traceParents);
    }

    @Bean
    OutboxRelayLoop outboxRelayLoop(KafkaEventRelay relay, OutboxSettings settings) {
        return new OutboxRelayLoop(relay, settings);
    }

    @Bean
    EventOutbox eventOutbox(OutboxTable table, OutboxRelayLoop relay, ObjectMapper objectMapper, Clock clock,
                            @Value("/backline/${spring.application.name}") String source, TraceParents traceParents) {
        return new EventOutbox(table, relay, objectMapper, clock, source, traceParents);
    }

    /** How far the outbox is behind: rows Kafka has not acknowledged, and referrals resting after a refusal. */
    @Bean
    MeterBinder outboxMetrics(OutboxTable table, KafkaEventRelay relay) {
        return registry -> {
            Gauge.builder("backline.outbox.unsent", table, OutboxTable::unsent)
                    .description("Committed events Kafka has not acknowledged yet").register(registry);
            Gauge.builder("backline.outbox.resting", relay, KafkaEventRelay::resting)
                    .description("Referrals whose events wait after the broker refused one").register(registry);
        };
    }
}
