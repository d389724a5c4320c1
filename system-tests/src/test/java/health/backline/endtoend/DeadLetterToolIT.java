package health.backline.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.backline.endtoend.HttpProbe.Answer;
import health.backline.events.Topics;
import health.backline.testsupport.KafkaRecords;
import health.backline.testsupport.RealInfrastructure;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, finding 7: the admin tool on every service that consumes topics, {@code /api/dead-letters}. It lists the
 * service's own dead-letter records without their data, replays one to its original topic (for the consumer group
 * that failed it, and no other) or discards it, each once and each with an audit entry; admins only.
 */
class DeadLetterToolIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static RunningBackline backline;

    @BeforeAll
    static void start() throws Exception {
        backline = RunningBackline.shared();
    }

    @Test
    void admins_list_replay_and_discard_dead_letters_once_each_with_an_audit_entry() throws Exception {
        // A triage result with no pathway, read by intake and by the workflow: both dead-letter it.
        String referral = UUID.randomUUID().toString();
        ObjectNode noPathway = (ObjectNode) JSON.readTree(PoisonIT.valid(Topics.REFERRALS_TRIAGED));
        noPathway.put("referralId", referral);
        noPathway.putNull("pathway");
        KafkaRecords.send(RealInfrastructure.get(), KafkaRecords.cloudEvent(Topics.REFERRALS_TRIAGED, referral,
                UUID.randomUUID().toString(), "backline.referral.triaged.v1", JSON.writeValueAsBytes(noPathway)));

        JsonNode intakeLetter = awaitLetter("intake", referral, "DEAD");
        JsonNode workflowLetter = awaitLetter("workflow", referral, "DEAD");
        assertThat(intakeLetter.get("consumerGroup").asText()).isEqualTo("intake-triage-results");
        assertThat(workflowLetter.get("consumerGroup").asText()).isEqualTo("workflow-triaged-referrals");
        assertThat(intakeLetter.get("topic").asText()).isEqualTo("referrals.triaged.DLT");
        assertThat(intakeLetter.get("originalTopic").asText()).isEqualTo("referrals.triaged");
        assertThat(intakeLetter.get("ceType").asText()).isEqualTo("backline.referral.triaged.v1");
        assertThat(intakeLetter.get("ceId").asText()).isNotBlank();
        assertThat(intakeLetter.get("reason").asText()).contains("/pathway");
        assertThat(intakeLetter.get("deliveryAttempts").asInt()).isEqualTo(1);
        assertThat(intakeLetter.has("timestamp")).isTrue();
        assertThat(fieldNames(intakeLetter)).as("ids and why, never the data").doesNotContain("value", "data", "payload");
        assertThat(list("scheduling", null).findValuesAsText("key")).as("scheduling reads no triage results")
                .doesNotContain(referral);

        // Admins only.
        String intakeList = backline.url("intake", "/api/dead-letters");
        assertThat(HttpProbe.get(intakeList, null).status()).isEqualTo(401);
        assertThat(HttpProbe.get(intakeList, "clinician").status()).isEqualTo(403);
        assertThat(HttpProbe.get(intakeList, "frontdesk").status()).isEqualTo(403);
        assertThat(HttpProbe.post(backline.url("intake", path(intakeLetter) + "/replay"), "frontdesk").status()).isEqualTo(403);
        assertThat(HttpProbe.post(backline.url("intake", path(intakeLetter) + "/discard"), "lead").status()).isEqualTo(403);

        // Replay intake's record: back on referrals.triaged for intake's group only, as it was, less the failure.
        KafkaRecords triaged = KafkaRecords.of(RealInfrastructure.get(), Topics.REFERRALS_TRIAGED);
        KafkaRecords dlt = KafkaRecords.of(RealInfrastructure.get(), Topics.deadLetterOf(Topics.REFERRALS_TRIAGED));
        Answer replayed = HttpProbe.post(backline.url("intake", path(intakeLetter) + "/replay"), "admin");
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.json().get("status").asText()).isEqualTo("REPLAYED");
        assertThat(replayed.json().get("actedBy").asText()).isEqualTo("admin");
        String replayedTo = replayed.json().get("replayedTo").asText();
        assertThat(replayedTo).startsWith("referrals.triaged/");
        ConsumerRecord<String, byte[]> again = triaged.await(r -> referral.equals(r.key())
                && PoisonIT.header(r, "backline_replayed_from") != null);
        assertThat(again.topic() + "/" + again.partition() + "/" + again.offset()).isEqualTo(replayedTo);
        assertThat(JSON.readTree(again.value())).isEqualTo(noPathway);
        assertThat(PoisonIT.header(again, "ce_type")).isEqualTo("backline.referral.triaged.v1");
        assertThat(PoisonIT.header(again, "backline_replay_for")).isEqualTo("intake-triage-results");
        assertThat(StreamSupport.stream(again.headers().spliterator(), false).map(h -> h.key()).toList())
                .noneMatch(name -> name.startsWith("kafka_dlt-") || name.startsWith("backline_dlt_"));
        // Still poison for intake: dead-lettered again, at once; the workflow passed it over.
        ConsumerRecord<String, byte[]> deadAgain = dlt.await(r -> referral.equals(r.key())
                && PoisonIT.header(r, "backline_replayed_from") != null);
        assertThat(PoisonIT.header(deadAgain, "kafka_dlt-original-consumer-group")).isEqualTo("intake-triage-results");
        assertThat(PoisonIT.header(deadAgain, "backline_dlt_delivery_attempts")).isEqualTo("1");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> dlt.received().stream()
                .filter(r -> referral.equals(r.key()))
                .filter(r -> "workflow-triaged-referrals".equals(PoisonIT.header(r, "kafka_dlt-original-consumer-group")))
                .count() == 1);
        assertThat(letter("intake", referral, intakeLetter).get("status").asText()).isEqualTo("REPLAYED");

        // Once: a second replay, or a discard after it, is refused.
        Answer twice = HttpProbe.post(backline.url("intake", path(intakeLetter) + "/replay"), "admin");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.header("content-type")).startsWith("application/problem+json");
        assertThat(HttpProbe.post(backline.url("intake", path(intakeLetter) + "/discard"), "admin").status()).isEqualTo(409);

        // Discard the workflow's record: it stays in its DLT, listed as discarded.
        Answer discarded = HttpProbe.post(backline.url("workflow", path(workflowLetter) + "/discard"), "admin");
        assertThat(discarded.status()).isEqualTo(200);
        assertThat(discarded.json().get("status").asText()).isEqualTo("DISCARDED");
        assertThat(letter("workflow", referral, workflowLetter).get("status").asText()).isEqualTo("DISCARDED");
        assertThat(HttpProbe.post(backline.url("workflow", path(workflowLetter) + "/replay"), "admin").status()).isEqualTo(409);

        // Unknown records, and records of another service, are problems.
        Answer unknown = HttpProbe.post(backline.url("intake", "/api/dead-letters/referrals.triaged.DLT/0/999999999/replay"), "admin");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("content-type")).startsWith("application/problem+json");
        assertThat(unknown.json().get("status").asInt()).isEqualTo(404);
        assertThat(HttpProbe.post(backline.url("scheduling", path(workflowLetter) + "/discard"), "admin").status())
                .as("scheduling reads no triage results").isEqualTo(404);
        assertThat(HttpProbe.post(backline.url("intake", "/api/dead-letters/referrals.triaged/0/0/replay"), "admin").status())
                .as("not a dead-letter topic").isEqualTo(404);

        // Each replay and discard is in the audit trail of its service, by the admin who did it.
        assertThat(audit("intake", referral)).anySatisfy(entry -> {
            assertThat(entry.get("action").asText()).isEqualTo("DEAD_LETTER_REPLAYED");
            assertThat(entry.get("actor").asText()).isEqualTo("admin");
            assertThat(entry.get("detail").asText()).contains(path(intakeLetter).substring("/api/dead-letters/".length()), replayedTo);
        });
        assertThat(audit("workflow", referral)).anySatisfy(entry -> {
            assertThat(entry.get("action").asText()).isEqualTo("DEAD_LETTER_DISCARDED");
            assertThat(entry.get("actor").asText()).isEqualTo("admin");
        });
    }

    @Test
    void a_replayed_record_that_failed_for_a_passing_reason_is_handled() throws Exception {
        // A status report intake dead-lettered while, say, its database was down: written here as the error handler
        // writes one, for a referral intake knows.
        RunningBackline.Response submitted = backline.post("intake", "/api/referrals", "frontdesk",
                JSON.writeValueAsString(JSON.readTree(PoisonIT.class.getClassLoader()
                        .getResourceAsStream("processes/triage/cases.json")).get("cases").get(0).get("intake")), Map.of());
        String referral = submitted.body().get("id").asText();
        String later = Instant.now().plus(Duration.ofHours(1)).toString();
        byte[] report = ("{\"referralId\": \"" + referral + "\", \"status\": \"AWAITING_REASSESSMENT\", \"pathway\": null,"
                + " \"detail\": \"Reported again from the dead-letter tool\", \"at\": \"" + later + "\"}").getBytes(StandardCharsets.UTF_8);
        ProducerRecord<String, byte[]> event = KafkaRecords.cloudEvent(Topics.REFERRALS_STATUS, referral,
                UUID.randomUUID().toString(), "backline.referral.status-changed.v1", report);
        var dead = new ProducerRecord<>(Topics.deadLetterOf(Topics.REFERRALS_STATUS), 3, referral, report, event.headers());
        dead.headers().add("kafka_dlt-original-topic", Topics.REFERRALS_STATUS.getBytes(StandardCharsets.UTF_8));
        dead.headers().add("kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(3).array());
        dead.headers().add("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(0).array());
        dead.headers().add("kafka_dlt-original-consumer-group", "intake-status-changes".getBytes(StandardCharsets.UTF_8));
        dead.headers().add("kafka_dlt-exception-message", "Connection refused".getBytes(StandardCharsets.UTF_8));
        dead.headers().add("backline_dlt_reason", "CannotGetJdbcConnectionException: Connection refused".getBytes(StandardCharsets.UTF_8));
        dead.headers().add("backline_dlt_delivery_attempts", "9".getBytes(StandardCharsets.UTF_8));
        KafkaRecords.send(RealInfrastructure.get(), dead);

        JsonNode letter = awaitLetter("intake", referral, "DEAD");
        assertThat(letter.get("deliveryAttempts").asInt()).isEqualTo(9);
        assertThat(HttpProbe.post(backline.url("intake", path(letter) + "/replay"), "admin").status()).isEqualTo(200);

        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> backline.get("intake",
                "/api/referrals/" + referral, "frontdesk").body().get("status").asText(), "AWAITING_REASSESSMENT"::equals);
    }

    private static JsonNode list(String service, String topic) {
        Answer answer = HttpProbe.get(backline.url(service, "/api/dead-letters?limit=500"
                + (topic == null ? "" : "&topic=" + topic)), "admin");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static JsonNode awaitLetter(String service, String key, String status) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (JsonNode letter : list(service, null)) {
                if (key.equals(letter.path("key").asText()) && status.equals(letter.path("status").asText())) {
                    return letter;
                }
            }
            return null;
        }, letter -> letter != null);
    }

    private static JsonNode letter(String service, String key, JsonNode same) {
        for (JsonNode letter : list(service, null)) {
            if (key.equals(letter.path("key").asText()) && letter.get("offset").asLong() == same.get("offset").asLong()
                    && letter.get("partition").asInt() == same.get("partition").asInt()) {
                return letter;
            }
        }
        throw new AssertionError("No longer listed: " + same);
    }

    private static String path(JsonNode letter) {
        return "/api/dead-letters/" + letter.get("topic").asText() + "/" + letter.get("partition").asInt() + "/"
                + letter.get("offset").asLong();
    }

    private static List<JsonNode> audit(String service, String referral) {
        Answer answer = HttpProbe.get(backline.url(service, "/api/audit?referralId=" + referral), "admin");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.json();
        JsonNode entries = body.isArray() ? body : body.path("items");
        return StreamSupport.stream(entries.spliterator(), false).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        return StreamSupport.stream(((Iterable<String>) node::fieldNames).spliterator(), false).toList();
    }
}
