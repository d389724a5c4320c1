package health.backline.starter.kafka;

import health.backline.events.Topics;
import health.backline.starter.audit.AuditTrail;
import health.backline.starter.inbox.InvalidEventException;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.kafka.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CompositeRecordInterceptor;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Topics, validation on arrival, retries and dead letters: every service uses them the same way. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BacklineKafkaProperties.class)
public class KafkaWiring {

    /**
     * Every topic of the contract and its dead-letter topic, created if missing (an existing topic keeps its
     * settings). {@code min.insync.replicas} is set on the topic only when configured: otherwise the broker's default
     * applies, as it did before it could be set here.
     */
    @Bean
    KafkaAdmin.NewTopics backlineTopics(BacklineKafkaProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            topics.add(newTopic(topic, properties));
            topics.add(newTopic(Topics.deadLetterOf(topic), properties));
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    static NewTopic newTopic(String name, BacklineKafkaProperties properties) {
        NewTopic topic = new NewTopic(name, properties.partitions(), properties.replicas());
        if (properties.minInsyncReplicas() != null) {
            topic.configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, properties.minInsyncReplicas().toString()));
        }
        return topic;
    }

    /** The JSON Schema of every event type of the contract, loaded once. */
    @Bean
    EventSchemas eventSchemas() {
        return new EventSchemas();
    }

    /**
     * Every listener's records are read by {@link IncomingEvents} (size, CloudEvent, type, schema) inside Spring's
     * {@code ErrorHandlingDeserializer}: a record that fails is a deserialisation error, which the error handler
     * never retries. One deserialiser per consumer, configured with that consumer's group.
     */
    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    DefaultKafkaConsumerFactoryCustomizer incomingEvents(EventSchemas schemas, BacklineKafkaProperties properties) {
        long maxRecordBytes = properties.maxRecordSize().toBytes();
        return factory -> ((DefaultKafkaConsumerFactory) factory).setValueDeserializerSupplier(
                () -> new ErrorHandlingDeserializer<>(new IncomingEvents(schemas, maxRecordBytes)));
    }

    /** The urgent lane's partitions get consumers of their own ({@link UrgentLaneAssignor}). */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer urgentLaneAssignment(BacklineKafkaProperties properties) {
        return factory -> factory.updateConfigs(Map.of(
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, UrgentLaneAssignor.class.getName(),
                UrgentLaneAssignor.URGENT_PARTITIONS_CONFIG, properties.urgentPartitions()));
    }

    /**
     * Retries a failing record with exponential back-off (a message that raced ahead of the state it
     * needs gets there on a later try), then writes it to {@code <topic>.DLT} with the error in its
     * headers and moves on. Records that can never be handled (not a CloudEvent of the contract, too large, data
     * that breaks its schema: {@link IncomingEvents}; {@link InvalidEventException}) skip the retries and go to the
     * DLT at once. Besides Spring's {@code kafka_dlt-*} headers (the original consumer group included, for every
     * failure) each DLT record says why in one line and after how many deliveries ({@link DeadLetterHeaders}).
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
        AtomicReference<DefaultErrorHandler> handler = new AtomicReference<>();
        recoverer.setHeadersFunction((record, error) -> DeadLetters.headers(error, handler.get()
                .deliveryAttempt(new TopicPartitionOffset(record.topic(), record.partition(), record.offset())) - 1));

        BacklineKafkaProperties.Retry retry = properties.retry();
        var backOff = new ExponentialBackOffWithMaxRetries(retry.maxRetries());
        backOff.setInitialInterval(retry.initialInterval().toMillis());
        backOff.setMultiplier(retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());

        // Count what is dead-lettered, per topic, where the dashboard and alerts can see it. A record that failed
        // before its listener ran (deserialisation) comes without its consumer group: it is added here, so every
        // DLT record names the group that gave up on it (the dead-letter tool lists each service's own).
        ConsumerAwareRecordRecoverer countingRecoverer = (record, consumer, error) -> {
            recoverer.accept(record, consumer, DeadLetters.withGroup(error, consumer));
            meters.counter("backline.kafka.dead.letters", "topic", record.topic()).increment();
        };
        handler.set(new DefaultErrorHandler(countingRecoverer, backOff));
        handler.get().addNotRetryableExceptions(InvalidEventException.class);
        return handler.get();
    }

    /**
     * The one record interceptor the listener containers take: urgent records first ({@link UrgentFirst}), then
     * records replayed for another consumer group dropped ({@link ReplayTarget}). In this order: the container
     * calls every interceptor's {@code afterRecord}, also when a later one dropped the record.
     */
    @Bean
    RecordInterceptor<Object, Object> backlineRecordInterceptor(UrgentLane urgentLane, BacklineKafkaProperties properties) {
        return new CompositeRecordInterceptor<>(new UrgentFirst(urgentLane, properties.routineMaxWait()), new ReplayTarget());
    }

    @Bean
    DeadLetterActions deadLetterActions(JdbcClient jdbc) {
        return new DeadLetterActions(jdbc);
    }

    @Bean
    DeadLetterTool deadLetterTool(KafkaProperties kafkaProperties, ObjectProvider<SslBundles> sslBundles,
                                  KafkaListenerEndpointRegistry listeners, DeadLetterActions actions, AuditTrail audit,
                                  TransactionTemplate transaction, Clock clock,
                                  @Value("${backline.dead-letters.scan-per-partition:500}") int scanPerPartition) {
        SslBundles bundles = sslBundles.getIfAvailable();
        return new DeadLetterTool(kafkaProperties.buildConsumerProperties(bundles),
                kafkaProperties.buildProducerProperties(bundles), listeners, actions, audit, transaction, clock,
                scanPerPartition);
    }

    @Bean
    DeadLetterController deadLetterController(DeadLetterTool tool) {
        return new DeadLetterController(tool);
    }

    @Bean
    UrgentLane urgentLane(KafkaTemplate<String, CloudEvent> kafka, BacklineKafkaProperties properties) {
        return new UrgentLane(kafka, properties.urgentPartitions());
    }

    @Bean
    SharedKafkaAdmin sharedKafkaAdmin(KafkaAdmin settings) {
        return new SharedKafkaAdmin(settings);
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(SharedKafkaAdmin admin, ObjectProvider<KafkaListenerEndpointRegistry> listeners) {
        return new KafkaHealthIndicator(admin, listeners);
    }
}
