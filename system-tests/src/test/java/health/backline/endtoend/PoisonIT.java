package health.backline.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.backline.events.EventType;
import health.backline.events.Topics;
import health.backline.testsupport.Infrastructure;
import health.backline.testsupport.KafkaRecords;
import health.backline.testsupport.RealInfrastructure;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, finding 7 (and the consumer's record-size cap of finding 6), on the packaged services over real Kafka:
 * poison of every kind on every partition of every topic, then one referral driven through every topic. Each poison
 * record ends in its {@code <topic>.DLT}, once per consumer group that reads the topic, with its reason, delivered
 * once (never retried); and the referral, whose records queue behind poison on whatever partition it lands on, still
 * reaches SCHEDULED and then CANCELLED as fast as the flow goes. A retried poison record holds its partition for
 * about 45 s (8 retries): one on the referral's way would show in the time and in the delivery-attempt header.
 */
class PoisonIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 12;
    /** How long the referral may take through every topic: generous, but below one retried record (~45 s). */
    private static final Duration FLOW = Duration.ofSeconds(40);

    /** The listeners that read each topic, by consumer group (their {@code @KafkaListener} ids). */
    static final Map<String, List<String>> CONSUMERS = Map.of(
            Topics.REFERRALS_SUBMITTED, List.of("triage-submitted-referrals", "workflow-submitted-referrals"),
            Topics.REFERRALS_TRIAGED, List.of("intake-triage-results", "workflow-triaged-referrals"),
            Topics.REFERRALS_STATUS, List.of("intake-status-changes"),
            Topics.APPOINTMENTS_REQUESTED, List.of("scheduling-appointment-requests"),
            Topics.APPOINTMENTS_OUTCOME, List.of("intake-appointments", "workflow-appointment-outcomes"),
            Topics.APPOINTMENTS_CANCEL, List.of("scheduling-appointment-cancellations"),
            Topics.REFERRALS_CANCEL, List.of("workflow-cancelled-referrals"),
            Topics.APPOINTMENTS_ATTENDANCE, List.of("intake-attendance", "workflow-appointment-attendance"));

    /** A valid data object per topic, and the field the "null fields" poison sets to null. */
    private static final Map<String, String> VALID = Map.of(
            Topics.REFERRALS_SUBMITTED, """
                    {"referralId": "%s", "submittedAt": "2026-11-21T10:15:00Z",
                     "patient": {"mrn": "MRN-P1", "givenName": "Poison", "familyName": "Test", "birthDate": "1961-03-14"},
                     "complaint": {"region": "LUMBAR", "symptomDurationDays": 3, "painScore": 5}, "findings": []}""",
            Topics.REFERRALS_TRIAGED, """
                    {"referralId": "%s", "pathway": "PHYSICAL_THERAPY", "priority": "routine", "rules": ["R23"],
                     "reasons": ["Recurrent spasms"], "startBack": null}""",
            Topics.REFERRALS_STATUS, """
                    {"referralId": "%s", "status": "TRIAGED", "pathway": null, "detail": "x", "at": "2026-11-21T10:15:00Z"}""",
            Topics.APPOINTMENTS_REQUESTED, """
                    {"referralId": "%s", "pathway": "PHYSICAL_THERAPY", "priority": "routine", "notAfter": "2026-12-01T10:00:00Z"}""",
            Topics.APPOINTMENTS_OUTCOME, """
                    {"referralId": "%s", "pathway": "PHYSICAL_THERAPY", "start": "2026-12-01T10:00:00Z",
                     "end": "2026-12-01T10:30:00Z", "location": "Physiotherapy", "resource": "PT-1"}""",
            Topics.APPOINTMENTS_CANCEL, """
                    {"referralId": "%s", "reason": "x"}""",
            Topics.REFERRALS_CANCEL, """
                    {"referralId": "%s", "reason": "x", "cancelledBy": "frontdesk"}""",
            Topics.APPOINTMENTS_ATTENDANCE, """
                    {"referralId": "%s", "pathway": "PHYSICAL_THERAPY", "start": "2026-12-01T10:00:00Z",
                     "location": "Physiotherapy", "attended": false}""");
    private static final Map<String, String> NULLED = Map.of(
            Topics.REFERRALS_SUBMITTED, "patient",
            Topics.REFERRALS_TRIAGED, "pathway",
            Topics.REFERRALS_STATUS, "status",
            Topics.APPOINTMENTS_REQUESTED, "pathway",
            Topics.APPOINTMENTS_OUTCOME, "start",
            Topics.APPOINTMENTS_CANCEL, "referralId",
            Topics.REFERRALS_CANCEL, "reason",
            Topics.APPOINTMENTS_ATTENDANCE, "attended");

    enum Kind { NOT_A_CLOUD_EVENT, WRONG_SCHEMA, UNKNOWN_TYPE, OVERSIZED, NULL_FIELDS }

    @Test
    void poison_of_every_kind_on_every_topic_goes_straight_to_its_DLT_with_the_reason_and_the_consumers_go_on_at_once()
            throws Exception {
        RunningBackline backline = RunningBackline.shared();
        Infrastructure infrastructure = RealInfrastructure.get();
        assertThat(CONSUMERS.keySet()).as("every topic of the contract").containsExactlyInAnyOrderElementsOf(Topics.ALL);
        Map<String, KafkaRecords> deadLetters = new HashMap<>();
        Topics.ALL.forEach(topic -> deadLetters.put(topic, KafkaRecords.of(infrastructure, Topics.deadLetterOf(topic))));

        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Map<String, Kind>> sent = new HashMap<>(); // topic -> poison key -> kind
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_000_000), new StringSerializer(), new ByteArraySerializer())) {
            for (String topic : Topics.ALL) {
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    for (Kind kind : Kind.values()) {
                        String key = "poison-" + run + "-" + kind + "-" + partition;
                        producer.send(poison(topic, partition, key, kind));
                        sent.computeIfAbsent(topic, t -> new LinkedHashMap<>()).put(key, kind);
                    }
                }
            }
            producer.flush();
        }

        // One referral through every topic, its records behind the poison on their partitions.
        long started = System.nanoTime();
        String referral = submitPhysicalTherapyReferral(backline);
        awaitView(backline, referral, "SCHEDULED");
        Duration toScheduled = Duration.ofNanos(System.nanoTime() - started);
        assertThat(backline.post("intake", "/api/referrals/" + referral + "/cancel", "frontdesk",
                "{\"reason\": \"Poison test\"}", Map.of()).status()).isEqualTo(202);
        awaitView(backline, referral, "CANCELLED");
        await().atMost(FLOW).pollInterval(Duration.ofMillis(250)).until(() -> backline.get("scheduling",
                "/api/appointments?referralId=" + referral, "scheduler").body().get(0).get("status").asText(), "CANCELLED"::equals);
        assertThat(toScheduled).as("submitted to scheduled, behind the poison").isLessThan(FLOW);

        // Every poison record in its DLT, once per consumer group, with its reason, delivered once.
        for (String topic : Topics.ALL) {
            Map<String, Kind> keys = sent.get(topic);
            Set<String> expected = new TreeSet<>();
            keys.keySet().forEach(key -> CONSUMERS.get(topic).forEach(group -> expected.add(key + " @ " + group)));
            List<ConsumerRecord<String, byte[]>> dead = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> deadLetters.get(topic).received().stream().filter(r -> keys.containsKey(r.key())).toList(),
                            records -> records.stream().map(r -> r.key() + " @ " + header(r, "kafka_dlt-original-consumer-group"))
                                    .collect(Collectors.toSet()).containsAll(expected));
            assertThat(dead).as("dead letters of %s: each poison record once per group", topic).hasSize(expected.size());
            for (ConsumerRecord<String, byte[]> record : dead) {
                Kind kind = keys.get(record.key());
                String reason = header(record, "backline_dlt_reason");
                assertThat(reason).as("reason of %s on %s", kind, topic).contains(expectedReason(topic, kind));
                assertThat(header(record, "backline_dlt_delivery_attempts")).as("%s on %s: delivered once, no retries",
                        kind, topic).isEqualTo("1");
                assertThat(header(record, "kafka_dlt-original-topic")).isEqualTo(topic);
                assertThat(record.partition()).isEqualTo(Integer.parseInt(record.key().substring(record.key().lastIndexOf('-') + 1)));
                assertThat(record.headers().lastHeader("springDeserializerExceptionValue"))
                        .as("the serialised exception (it holds the data) stays out of the DLT").isNull();
                if (kind == Kind.WRONG_SCHEMA) {
                    assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(wrongSchema(topic));
                    assertThat(header(record, "ce_type")).isEqualTo(typeOf(topic).type());
                }
            }
        }
    }

    @Test
    void a_triage_result_for_a_referral_intake_never_stored_goes_straight_to_intakes_DLT() throws Exception {
        RunningBackline.shared();
        Infrastructure infrastructure = RealInfrastructure.get();
        KafkaRecords deadLetters = KafkaRecords.of(infrastructure, Topics.deadLetterOf(Topics.REFERRALS_TRIAGED));
        String stranger = UUID.randomUUID().toString();
        String data = VALID.get(Topics.REFERRALS_TRIAGED).formatted(stranger);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(KafkaRecords.cloudEvent(Topics.REFERRALS_TRIAGED, stranger, "stranger-" + stranger,
                    typeOf(Topics.REFERRALS_TRIAGED).type(), data.getBytes(StandardCharsets.UTF_8))).get();
        }

        // Intake writes a referral and its submission together: a later event of an unknown one is wrong for good.
        ConsumerRecord<String, byte[]> dead = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> deadLetters.received().stream().filter(r -> stranger.equals(r.key())).findFirst(),
                        Optional::isPresent).orElseThrow();
        assertThat(header(dead, "kafka_dlt-original-consumer-group")).isEqualTo("intake-triage-results");
        assertThat(header(dead, "backline_dlt_reason")).contains("unknown referral " + stranger);
        assertThat(header(dead, "backline_dlt_delivery_attempts")).as("no retries").isEqualTo("1");
    }

    static ProducerRecord<String, byte[]> poison(String topic, int partition, String key, Kind kind) throws Exception {
        EventType type = typeOf(topic);
        String data = valid(topic);
        return switch (kind) {
            case NOT_A_CLOUD_EVENT -> new ProducerRecord<>(topic, partition, key,
                    "this is not a cloud event".getBytes(StandardCharsets.UTF_8));
            case WRONG_SCHEMA -> cloudEvent(topic, partition, key, type.type(), wrongSchema(topic));
            case UNKNOWN_TYPE -> cloudEvent(topic, partition, key, "backline.referral.exploded.v1", data);
            case OVERSIZED -> {
                ObjectNode big = (ObjectNode) JSON.readTree(data);
                big.put("padding", "x".repeat(300 * 1024));
                yield cloudEvent(topic, partition, key, type.type(), JSON.writeValueAsString(big));
            }
            case NULL_FIELDS -> {
                ObjectNode nulled = (ObjectNode) JSON.readTree(data);
                nulled.putNull(NULLED.get(topic));
                yield cloudEvent(topic, partition, key, type.type(), JSON.writeValueAsString(nulled));
            }
        };
    }

    private static String expectedReason(String topic, Kind kind) {
        return switch (kind) {
            case NOT_A_CLOUD_EVENT -> "not a CloudEvent";
            case WRONG_SCHEMA -> "does not match the schema of " + typeOf(topic).type();
            case UNKNOWN_TYPE -> "unknown type 'backline.referral.exploded.v1'";
            case OVERSIZED -> "over the limit of 262144 bytes";
            case NULL_FIELDS -> "does not match the schema of " + typeOf(topic).type() + ": /" + NULLED.get(topic) + " ";
        };
    }

    static EventType typeOf(String topic) {
        for (EventType type : EventType.values()) {
            if (type.topic().equals(topic)) {
                return type;
            }
        }
        throw new IllegalArgumentException(topic);
    }

    static String valid(String topic) {
        return VALID.get(topic).formatted(UUID.nameUUIDFromBytes(topic.getBytes(StandardCharsets.UTF_8)));
    }

    static String wrongSchema(String topic) {
        return "{\"referralId\": \"" + UUID.nameUUIDFromBytes(topic.getBytes(StandardCharsets.UTF_8)) + "\", \"colour\": \"blue\"}";
    }

    static ProducerRecord<String, byte[]> cloudEvent(String topic, int partition, String key, String type, String data) {
        ProducerRecord<String, byte[]> record = KafkaRecords.cloudEvent(topic, key, "poison-" + UUID.randomUUID(), type,
                data.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, partition, record.key(), record.value(), record.headers());
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static String submitPhysicalTherapyReferral(RunningBackline backline) throws Exception {
        JsonNode intake = null;
        try (InputStream in = PoisonIT.class.getClassLoader().getResourceAsStream("processes/triage/cases.json")) {
            for (JsonNode clinicalCase : JSON.readTree(in).get("cases")) {
                if (clinicalCase.at("/expected/pathway").asText().equals("PHYSICAL_THERAPY")) {
                    intake = clinicalCase.get("intake");
                    break;
                }
            }
        }
        RunningBackline.Response response = backline.post("intake", "/api/referrals", "frontdesk", JSON.writeValueAsString(intake), Map.of());
        assertThat(response.status()).isEqualTo(202);
        return response.body().get("id").asText();
    }

    static JsonNode awaitView(RunningBackline backline, String referral, String status) {
        return await().atMost(FLOW).pollInterval(Duration.ofMillis(250))
                .until(() -> backline.get("intake", "/api/referrals/" + referral, "frontdesk").body(),
                        view -> view != null && status.equals(view.path("status").asText()));
    }

}
