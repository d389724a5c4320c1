package health.backline.triage.referral;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.events.Topics;
import health.backline.events.intake.Finding;
import health.backline.events.intake.Intake;
import health.backline.events.payload.ReferralFindingsAdded;
import health.backline.events.payload.ReferralSubmitted;
import health.backline.testsupport.ConsumerProgress;
import health.backline.testsupport.KafkaRecords;
import health.backline.testsupport.RealInfrastructure;
import health.backline.testsupport.WithRealInfrastructure;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Triage against a real Kafka broker and a real PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class TriageIT {

    private static final String OSTEOPOROTIC_FALL = """
            {"patient": {"mrn": "MRN-2001", "givenName": "Edith", "familyName": "Clarke", "birthDate": "1950-02-10"},
             "complaint": {"region": "LUMBAR", "symptomDurationDays": 4, "painScore": 6},
             "findings": ["MINOR_TRAUMA", "OSTEOPOROSIS"],
             "startBack": {"answers": [true, true, true, true, true, true, true, false, "EXTREMELY"]}}""";

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    ObjectMapper objectMapper;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_submitted_referral_is_triaged_once_stored_for_audit_and_announced() throws Exception {
        KafkaRecords triaged = KafkaRecords.of(RealInfrastructure.get(), Topics.REFERRALS_TRIAGED);
        String referral = UUID.randomUUID().toString();
        var submitted = ReferralSubmitted.of(referral, Instant.parse("2026-11-21T10:15:00Z"),
                objectMapper.readValue(OSTEOPOROTIC_FALL, Intake.class));
        String eventId = UUID.randomUUID().toString();
        send(submitted, eventId);
        RecordMetadata again = send(submitted, eventId);

        ConsumerRecord<String, byte[]> record = triaged.await(r -> r.key().equals(referral));
        JsonNode data = objectMapper.readTree(record.value());
        assertThat(data.get("pathway").asText()).isEqualTo("URGENT_IMAGING");
        assertThat(data.get("priority").asText()).isEqualTo("urgent");
        assertThat(data.get("rules").toString()).isEqualTo("[\"R13\",\"R14\",\"R20\"]");
        assertThat(data.get("reasons").get(0).asText())
                .isEqualTo("Minor injury with fracture risk: possible fragility fracture");
        assertThat(data.at("/startBack/total").asInt()).isEqualTo(8);
        assertThat(data.at("/startBack/psychosocial").asInt()).isEqualTo(4);
        assertThat(data.at("/startBack/risk").asText()).isEqualTo("HIGH");
        assertThat(header(record, "ce_type")).isEqualTo("backline.referral.triaged.v1");

        Map<String, Object> audit = jdbc.sql("SELECT * FROM triage_decision WHERE referral_id = ?")
                .param(UUID.fromString(referral)).query().singleRow();
        assertThat(audit.get("decision_table").toString()).startsWith("processes/triage/red-flags.dmn#RedFlagTriage sha256:");
        assertThat(audit.get("facts").toString()).contains("\"age\": 76", "OSTEOPOROSIS");
        ConsumerProgress.awaitHandled(RealInfrastructure.get(), "triage-submitted-referrals", again);
        // Delivered twice, announced once: nothing more waits in the outbox, and Kafka holds one result.
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_event WHERE record_key = ?").param(referral)
                .query(Long.class).single()).isZero();
        assertThat(triaged.allUpToNow()).filteredOn(r -> r.key().equals(referral)).hasSize(1);
    }

    @Test
    void new_findings_are_triaged_again_with_the_same_rules_once_per_revision_beside_the_first_decision() throws Exception {
        KafkaRecords triaged = KafkaRecords.of(RealInfrastructure.get(), Topics.REFERRALS_TRIAGED);
        String referral = UUID.randomUUID().toString();
        Instant submittedAt = Instant.parse("2026-11-21T10:15:00Z");
        Intake intake = objectMapper.readValue(OSTEOPOROTIC_FALL, Intake.class);
        send(ReferralSubmitted.of(referral, submittedAt, intake), UUID.randomUUID().toString());
        triaged.await(r -> r.key().equals(referral));
        List<Finding> withSaddleNumbness = new ArrayList<>(intake.findings());
        withSaddleNumbness.add(Finding.SADDLE_ANESTHESIA);
        var added = new ReferralFindingsAdded(referral, 1, submittedAt.plusSeconds(86_400), "Numb since this morning",
                ReferralSubmitted.of(referral, submittedAt, new Intake(intake.patient(), null, intake.complaint(),
                        withSaddleNumbness, intake.conservativeCareWeeks(), intake.improving(), intake.startBack())));
        String eventId = UUID.randomUUID().toString();
        sendFindings(added, eventId);
        RecordMetadata again = sendFindings(added, eventId);

        ConsumerRecord<String, byte[]> record = triaged.await(r -> r.key().equals(referral)
                && header(r, "ce_type").equals("backline.referral.retriaged.v1"));
        JsonNode data = objectMapper.readTree(record.value());
        assertThat(data.get("revision").asInt()).isEqualTo(1);
        assertThat(data.get("note").asText()).isEqualTo("Numb since this morning");
        assertThat(data.at("/triage/pathway").asText()).isEqualTo("ER_REFERRAL");
        assertThat(data.at("/triage/priority").asText()).isEqualTo("stat");
        assertThat(jdbc.sql("SELECT revision, pathway FROM triage_decision WHERE referral_id = ? ORDER BY revision")
                .param(UUID.fromString(referral)).query((row, n) -> row.getInt(1) + " " + row.getString(2)).list())
                .containsExactly("0 URGENT_IMAGING", "1 ER_REFERRAL");
        ConsumerProgress.awaitHandled(RealInfrastructure.get(), "triage-submitted-referrals", again);
        assertThat(triaged.allUpToNow()).filteredOn(r -> r.key().equals(referral)).hasSize(2);
    }

    @Test
    void evaluation_answers_what_triage_would_propose_and_stores_nothing() {
        long decisionsBefore = jdbc.sql("SELECT count(*) FROM triage_decision").query(Long.class).single();

        ResponseEntity<JsonNode> response = evaluate("clinician", OSTEOPOROTIC_FALL);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().get("pathway").asText()).isEqualTo("URGENT_IMAGING");
        assertThat(response.getBody().get("rules").toString()).isEqualTo("[\"R13\",\"R14\",\"R20\"]");
        assertThat(response.getBody().at("/startBack/risk").asText()).isEqualTo("HIGH");
        assertThat(jdbc.sql("SELECT count(*) FROM triage_decision").query(Long.class).single()).isEqualTo(decisionsBefore);
    }

    @Test
    void evaluation_refuses_an_invalid_intake_field_by_field() {
        ResponseEntity<JsonNode> response = evaluate("lead", "{\"patient\": {\"mrn\": \"?\"}, \"complaint\": {}}");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().get("errors").findValuesAsText("pointer"))
                .contains("/patient/mrn", "/patient/birthDate", "/complaint/region");
    }

    @Test
    void evaluation_refuses_a_body_that_is_more_than_one_json_value_or_not_utf_8() {
        assertThat(evaluate("clinician", OSTEOPOROTIC_FALL + "{}").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        // C0 AF: an overlong "/" that no encoder writes; Jackson would read it as the "/" a family name may hold.
        String[] aroundName = OSTEOPOROTIC_FALL.split("Clarke", 2);
        assertThat(evaluate("clinician", aroundName[0] + "Cla/rke" + aroundName[1]).getStatusCode()).isEqualTo(HttpStatus.OK);
        ByteArrayOutputStream notUtf8 = new ByteArrayOutputStream();
        notUtf8.writeBytes((aroundName[0] + "Cla").getBytes(StandardCharsets.UTF_8));
        notUtf8.writeBytes(new byte[] {(byte) 0xC0, (byte) 0xAF});
        notUtf8.writeBytes(("rke" + aroundName[1]).getBytes(StandardCharsets.UTF_8));
        ResponseEntity<JsonNode> answer = http.withBasicAuth("clinician", "clinician")
                .postForEntity(url(), new HttpEntity<>(notUtf8.toByteArray(), jsonHeaders()), JsonNode.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    }

    @Test
    void only_clinicians_leads_and_admins_may_evaluate() {
        assertThat(evaluate("frontdesk", OSTEOPOROTIC_FALL).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(evaluate("admin", OSTEOPOROTIC_FALL).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http.postForEntity(url(), new HttpEntity<>(OSTEOPOROTIC_FALL, jsonHeaders()), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private ResponseEntity<JsonNode> evaluate(String user, String body) {
        return http.withBasicAuth(user, user).postForEntity(url(), new HttpEntity<>(body, jsonHeaders()), JsonNode.class);
    }

    private String url() {
        return "http://127.0.0.1:" + port + "/api/triage/evaluate";
    }

    private static HttpHeaders jsonHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

    private RecordMetadata send(ReferralSubmitted submitted, String eventId) throws Exception {
        return KafkaRecords.send(RealInfrastructure.get(), KafkaRecords.cloudEvent(Topics.REFERRALS_SUBMITTED,
                submitted.referralId(), eventId, "backline.referral.submitted.v1", objectMapper.writeValueAsBytes(submitted)));
    }

    private RecordMetadata sendFindings(ReferralFindingsAdded added, String eventId) throws Exception {
        return KafkaRecords.send(RealInfrastructure.get(), KafkaRecords.cloudEvent(Topics.REFERRALS_SUBMITTED,
                added.referralId(), eventId, "backline.referral.findings-added.v1", objectMapper.writeValueAsBytes(added)));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
