package health.backline.events.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The transactional outbox: store with the change, send after commit, retry until acknowledged. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableAsync
public class OutboxWiring {

    /** The relay's single thread: one sender keeps events in commit order. */
    public static final String RELAY_EXECUTOR = "backlineOutboxRelay";

    @Bean(RELAY_EXECUTOR)
    ThreadPoolTaskExecutor backlineOutboxRelay() {
        var executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setThreadNamePrefix("outbox-relay-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        return executor;
    }

    @Bean
    EventOutbox eventOutbox(ApplicationEventPublisher publisher, ObjectMapper objectMapper, Clock clock,
                            @Value("/backline/${spring.application.name}") String source) {
        return new EventOutbox(publisher, objectMapper, clock, source);
    }

    @Bean
    PublicationBacklog publicationBacklog() {
        return new PublicationBacklog();
    }

    /** How far the outbox is behind: events queued behind a refused one, and all rows not yet acknowledged. */
    @Bean
    MeterBinder outboxMetrics(PublicationBacklog backlog, JdbcClient jdbc) {
        return registry -> {
            Gauge.builder("backline.outbox.waiting", backlog, PublicationBacklog::size)
                    .description("Events waiting behind an older unsent event of their referral").register(registry);
            Gauge.builder("backline.outbox.unsent", jdbc, db -> db.sql("SELECT count(*) FROM event_publication")
                            .query(Long.class).single())
                    .description("Committed events Kafka has not acknowledged yet").register(registry);
        };
    }

    @Bean
    KafkaEventRelay kafkaEventRelay(KafkaTemplate<String, CloudEvent> kafka, PublicationBacklog backlog,
                                    @Value("${backline.outbox.send-timeout}") Duration sendTimeout) {
        return new KafkaEventRelay(kafka, backlog, sendTimeout);
    }

    @Bean
    OutboxRetry outboxRetry(IncompleteEventPublications incomplete, EventPublicationRegistry registry,
                            PublicationBacklog backlog, @Qualifier(RELAY_EXECUTOR) ThreadPoolTaskExecutor relayThread,
                            @Value("${backline.outbox.retry-after}") Duration retryAfter) {
        return new OutboxRetry(incomplete, registry, backlog, relayThread, retryAfter);
    }
}
