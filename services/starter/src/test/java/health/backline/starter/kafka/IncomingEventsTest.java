package health.backline.starter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import health.backline.events.Topics;
import health.backline.starter.inbox.InvalidEventException;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonCloudEventData;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** What a listener receives, and what goes to the dead-letter topic at once with its reason. */
class IncomingEventsTest {

    private final IncomingEvents incoming = new IncomingEvents(EventSchemasTest.SCHEMAS, 4096);

    @Test
    void a_valid_event_arrives_with_its_data_already_parsed() throws Exception {
        byte[] data = EventSchemasTest.JSON.writeValueAsBytes(EventSchemasTest.examples().get(2));

        CloudEvent event = incoming.deserialize(Topics.REFERRALS_TRIAGED, headers("backline.referral.triaged.v1"), data);

        assertThat(event.getType()).isEqualTo("backline.referral.triaged.v1");
        assertThat(event.getData()).isInstanceOf(JsonCloudEventData.class);
        assertThat(((JsonCloudEventData) event.getData()).getNode().get("pathway").asText()).isEqualTo("URGENT_IMAGING");
        assertThat(event.getData().toBytes()).isNotEmpty();
    }

    @Test
    void poison_is_refused_with_its_reason() throws Exception {
        ObjectNode nullPathway = EventSchemasTest.with(2, node -> node.putNull("pathway"));
        byte[] valid = EventSchemasTest.JSON.writeValueAsBytes(EventSchemasTest.examples().get(2));

        assertRefused(Topics.REFERRALS_TRIAGED, new RecordHeaders(), "not a cloud event".getBytes(StandardCharsets.UTF_8),
                "not a CloudEvent");
        assertRefused(Topics.REFERRALS_TRIAGED, headers("backline.referral.exploded.v9"), valid, "unknown type");
        assertRefused(Topics.REFERRALS_STATUS, headers("backline.referral.triaged.v1"), valid, "belongs on referrals.triaged");
        assertRefused(Topics.REFERRALS_TRIAGED, headers("backline.referral.triaged.v1"),
                EventSchemasTest.JSON.writeValueAsBytes(nullPathway), "does not match the schema of backline.referral.triaged.v1: /pathway");
        assertRefused(Topics.REFERRALS_TRIAGED, headers("backline.referral.triaged.v1"),
                "{\"referralId\": \"Ada Lovelace".getBytes(StandardCharsets.UTF_8), "not JSON");
        assertRefused(Topics.REFERRALS_TRIAGED, headers("backline.referral.triaged.v1"),
                "{} {}".getBytes(StandardCharsets.UTF_8), "not JSON");
        assertRefused(Topics.REFERRALS_TRIAGED, headers("backline.referral.triaged.v1"), new byte[4097],
                "4097 bytes, over the limit of 4096 bytes");
        assertRefused(Topics.REFERRALS_TRIAGED, headers("backline.referral.triaged.v1"), null, "no value");
    }

    @Test
    void a_reason_never_quotes_the_data() {
        assertThatThrownBy(() -> incoming.deserialize(Topics.REFERRALS_TRIAGED, headers("backline.referral.triaged.v1"),
                "{\"familyName\": Lovelace}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class)
                .message().doesNotContain("Lovelace");
    }

    @Test
    void a_record_replayed_for_another_consumer_group_is_passed_over_unchecked() {
        incoming.configure(Map.of("group.id", "intake-triage-results"), false);
        Headers headers = headers("backline.referral.triaged.v1");
        headers.add(DeadLetterHeaders.REPLAY_FOR, "workflow-triaged-referrals".getBytes(StandardCharsets.UTF_8));

        assertThat(incoming.deserialize(Topics.REFERRALS_TRIAGED, headers, "poison".getBytes(StandardCharsets.UTF_8)))
                .isSameAs(IncomingEvents.SKIPPED);
        headers.remove(DeadLetterHeaders.REPLAY_FOR);
        headers.add(DeadLetterHeaders.REPLAY_FOR, "intake-triage-results".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> incoming.deserialize(Topics.REFERRALS_TRIAGED, headers, "poison".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class);
    }

    @Test
    void the_dead_letter_reason_is_the_rejection_in_one_line() {
        var rejected = new InvalidEventException("event 'x' does not match\nthe schema");
        var wrapped = new org.springframework.kafka.support.serializer.DeserializationException("failed to deserialize",
                new byte[0], false, rejected);

        assertThat(DeadLetters.reason(wrapped)).isEqualTo("event 'x' does not match the schema");
        assertThat(DeadLetters.reason(new IllegalStateException("Status report for unknown referral 1")))
                .isEqualTo("IllegalStateException: Status report for unknown referral 1");
    }

    private void assertRefused(String topic, Headers headers, byte[] data, String reason) {
        assertThatThrownBy(() -> incoming.deserialize(topic, headers, data))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining(reason);
    }

    private static Headers headers(String type) {
        Headers headers = new RecordHeaders();
        Map.of("ce_id", UUID.randomUUID().toString(), "ce_type", type, "ce_specversion", "1.0",
                        "ce_source", "/backline/test", "content-type", "application/json")
                .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

}
