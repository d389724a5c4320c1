package health.backline.endtoend;

import health.backline.events.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** How many records the dead-letter topics of the contract hold on a broker: none, when nothing failed for good. */
final class DeadLetters {

    private DeadLetters() {
    }

    static long count(String bootstrapServers) {
        try (var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            long records = 0;
            for (String topic : Topics.ALL) {
                List<TopicPartition> partitions = consumer.partitionsFor(Topics.deadLetterOf(topic)).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
                for (Map.Entry<TopicPartition, Long> end : consumer.endOffsets(partitions).entrySet()) {
                    records += end.getValue() - begin.get(end.getKey());
                }
            }
            return records;
        }
    }
}
