package health.backline.local;

import health.backline.testsupport.FreePorts;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LocalKafkaIT {

    private static final String TOPIC = "referrals.submitted";

    @TempDir
    Path data;

    @Test
    void a_record_survives_a_restart_on_the_same_log_directory_and_the_cluster_id_stays() throws Exception {
        int[] ports = FreePorts.take(2);
        Path logDirectory = data.resolve("kafka");
        String clusterId;
        RecordMetadata written;

        try (LocalKafka kafka = LocalKafka.start(logDirectory, BindAddress.LOOPBACK, ports[0], ports[1])) {
            assertThat(kafka.formattedStorage()).isTrue();
            assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + ports[0]);
            clusterId = kafka.clusterId();
            written = send(kafka.bootstrapServers(), "referral-42", "{\"referralId\":\"referral-42\"}");
        }
        assertThat(LocalKafka.isFormatted(logDirectory)).isTrue();
        assertThat(LocalKafka.readClusterId(logDirectory)).isEqualTo(clusterId);

        try (LocalKafka again = LocalKafka.start(logDirectory, BindAddress.LOOPBACK, ports[0], ports[1])) {
            assertThat(again.formattedStorage()).isFalse();
            assertThat(again.clusterId()).isEqualTo(clusterId);

            List<ConsumerRecord<String, String>> records = readFromTheBeginning(again.bootstrapServers(), 1);
            assertThat(records).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("referral-42");
                assertThat(record.value()).isEqualTo("{\"referralId\":\"referral-42\"}");
                assertThat(record.partition()).isEqualTo(written.partition());
                assertThat(record.offset()).isEqualTo(written.offset());
            });
        }
    }

    @Test
    void topics_are_created_on_first_use_with_three_partitions() throws Exception {
        int[] ports = FreePorts.take(2);
        try (LocalKafka kafka = LocalKafka.start(data.resolve("kafka"), BindAddress.LOOPBACK, ports[0], ports[1])) {
            send(kafka.bootstrapServers(), "a", "first");
            try (KafkaConsumer<String, String> consumer = consumer(kafka.bootstrapServers())) {
                assertThat(consumer.partitionsFor(TOPIC)).hasSize(3);
            }
        }
    }

    private static RecordMetadata send(String bootstrapServers, String key, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            return producer.send(new ProducerRecord<>(TOPIC, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<ConsumerRecord<String, String>> readFromTheBeginning(String bootstrapServers, int expected) {
        List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers)) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
        }
        return records;
    }

    private static KafkaConsumer<String, String> consumer(String bootstrapServers) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "local-kafka-it-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }
}
