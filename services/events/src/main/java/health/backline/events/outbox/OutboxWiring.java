package health.backline.events.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The transactional outbox: store with the change, send after commit, retry until acknowledged. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class OutboxWiring {

    @Bean
    EventOutbox eventOutbox(ApplicationEventPublisher publisher, ObjectMapper objectMapper, Clock clock,
                            @Value("/backline/${spring.application.name}") String source) {
        return new EventOutbox(publisher, objectMapper, clock, source);
    }

    @Bean
    PublicationBacklog publicationBacklog() {
        return new PublicationBacklog();
    }

    @Bean
    KafkaEventRelay kafkaEventRelay(KafkaTemplate<String, CloudEvent> kafka, PublicationBacklog backlog,
                                    @Value("${backline.outbox.send-timeout}") Duration sendTimeout) {
        return new KafkaEventRelay(kafka, backlog, sendTimeout);
    }

    @Bean
    OutboxRetry outboxRetry(IncompleteEventPublications incomplete, EventPublicationRegistry registry,
                            KafkaEventRelay relay, PublicationBacklog backlog,
                            @Value("${backline.outbox.retry-after}") Duration retryAfter) {
        return new OutboxRetry(incomplete, registry, relay, backlog, retryAfter);
    }
}
