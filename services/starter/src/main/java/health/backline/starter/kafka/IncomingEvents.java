package health.backline.starter.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import health.backline.events.EventType;
import health.backline.starter.inbox.InvalidEventException;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Every record a listener receives passes here first, on arrival: it is a CloudEvent of the contract, of a type
 * that travels on this topic, no larger than {@code backline.kafka.max-record-size}, and its data conforms to its
 * type's JSON Schema ({@link EventSchemas}). Anything else throws {@link InvalidEventException} with the reason,
 * which Spring's {@code ErrorHandlingDeserializer} (wrapped around this) turns into a deserialisation failure: never
 * retried, the record goes straight to {@code <topic>.DLT} with the reason in its headers, and the consumer
 * carries on with the next record. The size is checked before anything is parsed.
 *
 * <p>The data reaches the listener already parsed ({@link JsonCloudEventData}), so it is read once.
 */
public class IncomingEvents implements Deserializer<CloudEvent> {

    /** What a record replayed for another consumer group becomes; never handed to a listener. */
    static final CloudEvent SKIPPED = CloudEventBuilder.v1().withId("replayed-for-another-group")
            .withType("backline.replay.skipped").withSource(URI.create("/backline")).build();

    /** The longest piece of sender-controlled text (a type, a topic) a reason repeats. */
    private static final int QUOTED = 80;

    private final EventSchemas schemas;
    private final long maxRecordBytes;
    private final CloudEventDeserializer cloudEvents = new CloudEventDeserializer();
    private final ObjectReader json = new ObjectMapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .forType(JsonNode.class);

    /** The consumer group this instance reads for: set by {@link #configure}, as each consumer is made. */
    private String group;

    public IncomingEvents(EventSchemas schemas, long maxRecordBytes) {
        this.schemas = schemas;
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object groupId = configs.get(ConsumerConfig.GROUP_ID_CONFIG);
        group = groupId == null ? null : groupId.toString();
    }

    @Override
    public CloudEvent deserialize(String topic, byte[] data) {
        return deserialize(topic, new RecordHeaders(), data);
    }

    @Override
    public CloudEvent deserialize(String topic, Headers headers, byte[] data) {
        String replayFor = header(headers, DeadLetterHeaders.REPLAY_FOR);
        if (replayFor != null && !replayFor.equals(group)) {
            return SKIPPED; // replayed for another consumer group: ReplayTarget drops it before any listener
        }
        if (data == null) {
            throw rejected("the record has no value");
        }
        if (data.length > maxRecordBytes) {
            throw rejected("the record's value is " + data.length + " bytes, over the limit of " + maxRecordBytes
                    + " bytes (backline.kafka.max-record-size)");
        }
        String contentType = header(headers, "content-type");
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/cloudevents")) {
            throw rejected("a structured-mode CloudEvent (" + quoted(contentType) + "): the contract uses binary mode");
        }
        CloudEvent event;
        try {
            event = cloudEvents.deserialize(topic, headers, data);
        } catch (RuntimeException e) {
            throw rejected("not a CloudEvent (" + firstLine(e.getMessage()) + ")");
        }
        EventType type = EventType.ofType(event.getType()).orElseThrow(() ->
                rejected("event " + quoted(event.getId()) + " has an unknown type " + quoted(event.getType())));
        if (!type.topic().equals(topic)) {
            throw rejected("event " + quoted(event.getId()) + " of type " + type.type() + " belongs on "
                    + type.topic() + ", not on " + quoted(topic));
        }
        String dataContentType = event.getDataContentType();
        if (dataContentType != null && !dataContentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw rejected("event " + quoted(event.getId()) + " has data of type " + quoted(dataContentType)
                    + ", not application/json");
        }
        JsonNode payload = parse(event, data);
        List<String> problems = schemas.problems(type, payload);
        if (!problems.isEmpty()) {
            throw rejected("event " + quoted(event.getId()) + " does not match the schema of " + type.type() + ": "
                    + String.join("; ", problems.subList(0, Math.min(problems.size(), 10)))
                    + (problems.size() > 10 ? "; and " + (problems.size() - 10) + " more" : ""));
        }
        return CloudEventBuilder.v1(event).withData(JsonCloudEventData.wrap(payload)).build();
    }

    private JsonNode parse(CloudEvent event, byte[] data) {
        try {
            JsonNode node = json.readValue(data);
            if (node == null || node.isMissingNode()) {
                throw rejected("event " + quoted(event.getId()) + " has no data");
            }
            return node;
        } catch (JsonProcessingException e) {
            // Never the parser's message: it quotes the offending text, which may be a patient's name.
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw rejected("event " + quoted(event.getId()) + " has data that is not JSON" + where);
        } catch (IOException e) {
            throw rejected("event " + quoted(event.getId()) + " has unreadable data");
        }
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A reason with no cause attached: it travels in a record header, serialised, and must stay small and safe. */
    private static InvalidEventException rejected(String reason) {
        return new InvalidEventException(reason);
    }

    private static String quoted(String text) {
        if (text == null) {
            return "(none)";
        }
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return "'" + (clean.length() > QUOTED ? clean.substring(0, QUOTED) + "..." : clean) + "'";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", "?");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
