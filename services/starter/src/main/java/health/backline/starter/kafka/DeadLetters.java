package health.backline.starter.kafka;

import io.cloudevents.CloudEvent;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

/**
 * The producer that writes failed records to {@code <topic>.DLT}. The dead-letter recoverer copies
 * the original record's headers (the {@code ce_*} attributes included) and adds the error; this
 * producer writes the original key and data bytes, so a DLT record is the original record plus why
 * it failed, whether it could be read at all (raw bytes) or failed later (a CloudEvent).
 */
final class DeadLetters {

    private DeadLetters() {
    }

    static KafkaTemplate<Object, Object> template(Map<String, Object> producerProperties) {
        Serializer<Object> keys = new DelegatingByTypeSerializer(Map.of(
                String.class, new StringSerializer(),
                byte[].class, new ByteArraySerializer()));
        Serializer<Object> values = new DelegatingByTypeSerializer(Map.of(
                byte[].class, new ByteArraySerializer(),
                CloudEvent.class, (Serializer<CloudEvent>) (topic, event) ->
                        event.getData() == null ? null : event.getData().toBytes()), true);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producerProperties, keys, values));
    }
}
