package health.backline.starter.kafka;

import health.backline.events.Topics;
import health.backline.starter.audit.AuditTrail;
import health.backline.starter.kafka.DeadLetterActions.Place;
import health.backline.starter.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dead-letter records of the topics this service consumes, for an administrator ({@link DeadLetterController}):
 * listed without their data, replayed to their original topic (for the consumer group that gave up on them only,
 * {@link DeadLetterHeaders#REPLAY_FOR}) or discarded. Each replay and discard is recorded once
 * ({@link DeadLetterActions}) and leaves an entry in the audit trail.
 *
 * <p>A service's records are those of the {@code <topic>.DLT} of each topic its listeners read, written for one of
 * its listeners' consumer groups ({@code kafka_dlt-original-consumer-group}): two services reading the same topic
 * each see only their own.
 */
public class DeadLetterTool implements DisposableBean {

    public static final String REPLAYED_ACTION = "DEAD_LETTER_REPLAYED";
    public static final String DISCARDED_ACTION = "DEAD_LETTER_DISCARDED";

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

    private final Map<String, Object> consumerProperties;
    private final Map<String, Object> producerProperties;
    private final KafkaListenerEndpointRegistry listeners;
    private final DeadLetterActions actions;
    private final AuditTrail audit;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final int scanPerPartition;
    private KafkaProducer<byte[], byte[]> producer;

    public DeadLetterTool(Map<String, Object> consumerProperties, Map<String, Object> producerProperties,
                          KafkaListenerEndpointRegistry listeners, DeadLetterActions actions, AuditTrail audit,
                          TransactionTemplate transaction, Clock clock, int scanPerPartition) {
        this.consumerProperties = new HashMap<>(consumerProperties);
        this.consumerProperties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerProperties.keySet().removeIf(key -> key.startsWith("spring.deserializer."));
        this.consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumerProperties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        this.producerProperties = new HashMap<>(producerProperties);
        this.producerProperties.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        this.producerProperties.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        this.listeners = listeners;
        this.actions = actions;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
        this.scanPerPartition = scanPerPartition;
    }

    /**
     * The newest dead-letter records of this service, newest first: the last {@code scanPerPartition} records of
     * each partition of each dead-letter topic are read. {@code originalTopic} narrows to one topic.
     */
    public List<DeadLetter> newest(String originalTopic, int limit) {
        Map<String, Set<String>> groups = groupsByTopic();
        List<String> deadLetterTopics = groups.keySet().stream()
                .filter(topic -> originalTopic == null || topic.equals(originalTopic))
                .map(Topics::deadLetterOf).sorted().toList();
        List<DeadLetter> found = new ArrayList<>();
        if (deadLetterTopics.isEmpty()) {
            return found;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : deadLetterTopics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, READ_TIMEOUT);
                if (infos != null) {
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, READ_TIMEOUT);
            Map<TopicPartition, Long> unread = new HashMap<>();
            for (TopicPartition partition : partitions) {
                long from = Math.max(starts.get(partition), ends.get(partition) - scanPerPartition);
                if (from < ends.get(partition)) {
                    consumer.seek(partition, from);
                    unread.put(partition, ends.get(partition));
                }
            }
            consumer.pause(partitions.stream().filter(partition -> !unread.containsKey(partition)).toList());
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!unread.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Long end = unread.get(partition);
                    if (end == null || record.offset() >= end) {
                        continue;
                    }
                    describe(record, groups).ifPresent(found::add);
                }
                for (TopicPartition partition : List.copyOf(unread.keySet())) {
                    if (consumer.position(partition) >= unread.get(partition)) {
                        unread.remove(partition);
                        consumer.pause(List.of(partition));
                    }
                }
            }
        }
        Map<Place, DeadLetterActions.Action> done = actions.onTopics(deadLetterTopics);
        return found.stream()
                .map(letter -> letter.withAction(done.get(new Place(letter.topic(), letter.partition(), letter.offset()))))
                .sorted(Comparator.comparing(DeadLetter::timestamp).reversed()
                        .thenComparing(DeadLetter::topic).thenComparing(DeadLetter::partition)
                        .thenComparing(Comparator.comparingLong(DeadLetter::offset).reversed()))
                .limit(limit)
                .toList();
    }

    /** One dead-letter record of this service, with what was done with it. */
    public DeadLetter get(String topic, int partition, long offset) {
        Place place = new Place(topic, partition, offset);
        return describe(read(place), groupsByTopic()).orElseThrow(() -> notFound(place))
                .withAction(actions.of(place).orElse(null));
    }

    /**
     * Writes the record again to its original topic and partition, as it was (key, value, headers) less the
     * headers that describe its failure, for the consumer group that dead-lettered it only; once.
     */
    public DeadLetter replay(String topic, int partition, long offset, String actor) {
        Place place = new Place(topic, partition, offset);
        ConsumerRecord<byte[], byte[]> record = read(place);
        DeadLetter letter = describe(record, groupsByTopic()).orElseThrow(() -> notFound(place));
        transaction.executeWithoutResult(status -> {
            if (!actions.record(place, DeadLetter.REPLAYED, actor, clock.instant(), null)) {
                throw alreadyDone(place);
            }
            RecordMetadata sent = send(replayOf(record, letter, place));
            String replayedTo = sent.topic() + "/" + sent.partition() + "/" + sent.offset();
            actions.setReplayedTo(place, replayedTo);
            audit.record(actor, REPLAYED_ACTION, referralIdOf(letter), "Replayed " + place + " (" + letter.ceType()
                    + ", ce_id " + letter.ceId() + ", group " + letter.consumerGroup() + ") to " + replayedTo);
        });
        return get(topic, partition, offset);
    }

    /** Marks the record as dealt with, leaving it where it is; once. */
    public DeadLetter discard(String topic, int partition, long offset, String actor) {
        Place place = new Place(topic, partition, offset);
        DeadLetter letter = describe(read(place), groupsByTopic()).orElseThrow(() -> notFound(place));
        transaction.executeWithoutResult(status -> {
            if (!actions.record(place, DeadLetter.DISCARDED, actor, clock.instant(), null)) {
                throw alreadyDone(place);
            }
            audit.record(actor, DISCARDED_ACTION, referralIdOf(letter), "Discarded " + place + " (" + letter.ceType()
                    + ", ce_id " + letter.ceId() + ", group " + letter.consumerGroup() + "): " + letter.reason());
        });
        return get(topic, partition, offset);
    }

    /** The topics this service's listeners read, each with the consumer groups that read it. */
    Map<String, Set<String>> groupsByTopic() {
        Map<String, Set<String>> groups = new TreeMap<>();
        for (MessageListenerContainer container : listeners.getListenerContainers()) {
            String[] topics = container.getContainerProperties().getTopics();
            if (topics == null) {
                continue;
            }
            for (String topic : topics) {
                groups.computeIfAbsent(topic, t -> new LinkedHashSet<>()).add(container.getGroupId());
            }
        }
        return groups;
    }

    private Optional<DeadLetter> describe(ConsumerRecord<byte[], byte[]> record, Map<String, Set<String>> groups) {
        if (record == null || !record.topic().endsWith(Topics.DEAD_LETTER_SUFFIX)) {
            return Optional.empty();
        }
        var headers = record.headers();
        String originalTopic = Optional.ofNullable(DeadLetterHeaders.text(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC))
                .orElse(record.topic().substring(0, record.topic().length() - Topics.DEAD_LETTER_SUFFIX.length()));
        String group = DeadLetterHeaders.text(headers, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP);
        Set<String> ours = groups.get(originalTopic);
        // Records written before every DLT record named its group belong to every service reading the topic.
        if (ours == null || (group != null && !ours.contains(group))) {
            return Optional.empty();
        }
        Long originalPartition = DeadLetterHeaders.number(headers, KafkaHeaders.DLT_ORIGINAL_PARTITION);
        String reason = DeadLetterHeaders.text(headers, DeadLetterHeaders.REASON);
        if (reason == null) {
            reason = Optional.ofNullable(DeadLetterHeaders.text(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE))
                    .map(message -> message.lines().findFirst().orElse("")).orElse(null);
        }
        String attempts = DeadLetterHeaders.text(headers, DeadLetterHeaders.DELIVERY_ATTEMPTS);
        return Optional.of(new DeadLetter(record.topic(), record.partition(), record.offset(), originalTopic,
                originalPartition == null ? null : originalPartition.intValue(),
                DeadLetterHeaders.number(headers, KafkaHeaders.DLT_ORIGINAL_OFFSET),
                shortText(record.key()), clip(DeadLetterHeaders.text(headers, "ce_id")),
                clip(DeadLetterHeaders.text(headers, "ce_type")), group, reason,
                attempts == null || !attempts.matches("[0-9]{1,9}") ? null : Integer.valueOf(attempts),
                Instant.ofEpochMilli(record.timestamp()), DeadLetter.DEAD, null, null, null));
    }

    private ProducerRecord<byte[], byte[]> replayOf(ConsumerRecord<byte[], byte[]> record, DeadLetter letter, Place place) {
        var headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!DeadLetterHeaders.isFailureHeader(header.key())) {
                headers.add(header);
            }
        }
        if (letter.consumerGroup() != null) {
            headers.add(DeadLetterHeaders.REPLAY_FOR, letter.consumerGroup().getBytes(StandardCharsets.UTF_8));
        }
        headers.add(DeadLetterHeaders.REPLAYED_FROM, place.toString().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(letter.originalTopic(), letter.originalPartition(), record.key(), record.value(), headers);
    }

    private ConsumerRecord<byte[], byte[]> read(Place place) {
        if (!place.topic().endsWith(Topics.DEAD_LETTER_SUFFIX) || place.partition() < 0 || place.offset() < 0) {
            throw notFound(place);
        }
        String originalTopic = place.topic().substring(0, place.topic().length() - Topics.DEAD_LETTER_SUFFIX.length());
        if (!groupsByTopic().containsKey(originalTopic)) {
            throw notFound(place);
        }
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<PartitionInfo> infos = consumer.partitionsFor(place.topic(), READ_TIMEOUT);
            if (infos == null || infos.stream().noneMatch(info -> info.partition() == place.partition())) {
                throw notFound(place);
            }
            TopicPartition partition = new TopicPartition(place.topic(), place.partition());
            consumer.assign(List.of(partition));
            long start = consumer.beginningOffsets(List.of(partition), READ_TIMEOUT).get(partition);
            long end = consumer.endOffsets(List.of(partition), READ_TIMEOUT).get(partition);
            if (place.offset() < start || place.offset() >= end) {
                throw notFound(place);
            }
            consumer.seek(partition, place.offset());
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == place.offset()) {
                        return record;
                    }
                    if (record.offset() > place.offset()) {
                        throw notFound(place);
                    }
                }
                if (consumer.position(partition) > place.offset()) {
                    throw notFound(place);
                }
            }
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Kafka did not answer",
                    "Could not read " + place + " within " + READ_TIMEOUT.toSeconds() + " s");
        }
    }

    private RecordMetadata send(ProducerRecord<byte[], byte[]> record) {
        try {
            return producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Replay interrupted", "The record was not replayed");
        } catch (Exception e) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Kafka did not take the record",
                    "The record was not replayed: " + e.getMessage());
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerProperties, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public synchronized void destroy() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private static String referralIdOf(DeadLetter letter) {
        try {
            return letter.key() == null ? null : UUID.fromString(letter.key()).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String shortText(byte[] bytes) {
        return bytes == null ? null : clip(new String(bytes, StandardCharsets.UTF_8));
    }

    /** Sender-controlled text in a listing: one line, at most 100 characters. */
    private static String clip(String text) {
        if (text == null) {
            return null;
        }
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 100 ? clean.substring(0, 100) + "..." : clean;
    }

    private static ProblemException notFound(Place place) {
        return new ProblemException(HttpStatus.NOT_FOUND, "Dead letter not found",
                "No dead-letter record of this service at " + place);
    }

    private static ProblemException alreadyDone(Place place) {
        return new ProblemException(HttpStatus.CONFLICT, "Dead letter already dealt with",
                "The dead-letter record at " + place + " was already replayed or discarded");
    }
}
