package health.backline.starter.kafka;

import health.backline.events.Topics;
import health.backline.starter.inbox.InvalidEventException;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/** Topics, retries and dead letters every service uses the same way. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BacklineKafkaProperties.class)
public class KafkaWiring {

    /** Every topic of the contract and its dead-letter topic, created if missing. */
    @Bean
    KafkaAdmin.NewTopics backlineTopics(BacklineKafkaProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            topics.add(new NewTopic(topic, properties.partitions(), properties.replicas()));
            topics.add(new NewTopic(Topics.deadLetterOf(topic), properties.partitions(), properties.replicas()));
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    /**
     * Retries a failing record with exponential back-off (a message that raced ahead of the state it
     * needs gets there on a later try), then writes it to {@code <topic>.DLT} with the error in its
     * headers and moves on. Unreadable records skip the retries.
     */
    @Bean
    DefaultErrorHandler kafkaErrorHandler(BacklineKafkaProperties properties, KafkaProperties kafkaProperties,
                                          ObjectProvider<SslBundles> sslBundles, MeterRegistry meters) {
        Map<String, Object> producer = kafkaProperties.buildProducerProperties(sslBundles.getIfAvailable());
        producer.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        producer.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        KafkaTemplate<Object, Object> deadLetters = DeadLetters.template(producer);
        var recoverer = new DeadLetterPublishingRecoverer(deadLetters,
                (record, error) -> new TopicPartition(Topics.deadLetterOf(record.topic()), record.partition()));

        BacklineKafkaProperties.Retry retry = properties.retry();
        var backOff = new ExponentialBackOffWithMaxRetries(retry.maxRetries());
        backOff.setInitialInterval(retry.initialInterval().toMillis());
        backOff.setMultiplier(retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());

        // Count what is dead-lettered, per topic, where the dashboard and alerts can see it.
        ConsumerRecordRecoverer countingRecoverer = (record, error) -> {
            recoverer.accept(record, error);
            meters.counter("backline.kafka.dead.letters", "topic", record.topic()).increment();
        };
        var handler = new DefaultErrorHandler(countingRecoverer, backOff);
        handler.addNotRetryableExceptions(InvalidEventException.class);
        return handler;
    }

    @Bean
    UrgentLane urgentLane(KafkaTemplate<String, CloudEvent> kafka, BacklineKafkaProperties properties) {
        return new UrgentLane(kafka, properties.urgentPartitions());
    }

    @Bean
    UrgentFirst urgentFirst(UrgentLane urgentLane, BacklineKafkaProperties properties) {
        return new UrgentFirst(urgentLane, properties.routineMaxWait());
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin, ObjectProvider<KafkaListenerEndpointRegistry> listeners) {
        return new KafkaHealthIndicator(admin, listeners);
    }
}
