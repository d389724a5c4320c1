package health.backline.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads one topic from its beginning, as raw records, so a test can wait for the record it
 * expects and look at its key, headers and bytes exactly as other services would receive them.
 */
public final class KafkaRecords {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();

    private KafkaRecords(KafkaConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
    }

    public static KafkaRecords of(Infrastructure infrastructure, String topic) {
        var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = partitionsOf(consumer, topic);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return new KafkaRecords(consumer);
    }

    /** Sends one record and waits for the broker to acknowledge it: where it was written. */
    public static RecordMetadata send(Infrastructure infrastructure, ProducerRecord<String, byte[]> record) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not send a test record to " + record.topic(), e);
        }
    }

    /**
     * A record as a Backline service would write it: CloudEvents binary mode, {@code ce_*} headers,
     * JSON data, keyed by referral id.
     */
    public static ProducerRecord<String, byte[]> cloudEvent(String topic, String referralId, String eventId,
                                                          String type, byte[] jsonData) {
        var record = new ProducerRecord<>(topic, referralId, jsonData);
        Map.of("ce_id", eventId, "ce_type", type, "ce_specversion", "1.0", "ce_source", "/backline/test",
                        "content-type", "application/json")
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /** The first record that matches, waiting up to 30 seconds for it. */
    public synchronized ConsumerRecord<String, byte[]> await(Predicate<ConsumerRecord<String, byte[]>> expected) {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            for (ConsumerRecord<String, byte[]> record : received) {
                if (expected.test(record)) {
                    return record;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("No expected record within " + WAIT + "; received " + received.size());
            }
            poll();
        }
    }

    /** Every record received so far, after catching up with the topic. */
    public synchronized List<ConsumerRecord<String, byte[]>> received() {
        poll();
        return List.copyOf(received);
    }

    /**
     * Every record the topic holds at this moment: reads on until each partition's end offset as it is now, so a
     * test can count records (a duplicate cannot still be on its way).
     */
    public synchronized List<ConsumerRecord<String, byte[]>> allUpToNow() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), WAIT);
        Instant deadline = Instant.now().plus(WAIT);
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Could not read up to the end of the topic within " + WAIT);
            }
            poll();
        }
        return List.copyOf(received);
    }

    private void poll() {
        consumer.poll(Duration.ofMillis(500)).forEach(received::add);
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String topic) {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Topic " + topic + " does not exist");
            }
        }
    }
}
