package health.backline.intake.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.events.EventPayload;
import health.backline.events.EventType;
import health.backline.events.Pathway;
import health.backline.events.Priority;
import health.backline.events.ReferralStatus;
import health.backline.events.Topics;
import health.backline.events.payload.ReferralRetriaged;
import health.backline.events.payload.ReferralStatusChanged;
import health.backline.events.payload.ReferralTriaged;
import health.backline.intake.IntakeServiceTest;
import health.backline.intake.tracking.ReferralProgress;
import health.backline.testsupport.ConsumerProgress;
import health.backline.testsupport.ExampleIntake;
import health.backline.testsupport.KafkaRecords;
import health.backline.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * New findings for a referral ({@code POST /api/referrals/{id}/findings}) and triage's answers to them, against a
 * real Kafka broker and a real PostgreSQL.
 */
@IntakeServiceTest
class ReferralFindingsIT {

    private static final String FINDINGS_ADDED = EventType.REFERRAL_FINDINGS_ADDED.type();

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    ObjectMapper objectMapper;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReferralProgress progress;

    KafkaRecords submitted;

    @BeforeEach
    void watchSubmittedTopic() {
        submitted = KafkaRecords.of(RealInfrastructure.get(), Topics.REFERRALS_SUBMITTED);
    }

    @Test
    void new_findings_revise_the_intake_and_are_announced_once_however_often_they_are_sent() throws Exception {
        String id = submit("MRN-F001");
        String body = """
                {"findings": ["FEVER", "OSTEOPOROSIS"], "painScore": 8, "symptomDurationDays": 20,
                 "note": "Patient rang: fever since last night"}""";

        ResponseEntity<JsonNode> added = addFindings("clinician", id, body);

        assertThat(added.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(added.getBody().get("id").asText()).isEqualTo(id);
        assertThat(added.getBody().get("timeline").findValuesAsText("detail")).containsExactly(
                "Intake recorded by the front desk",
                "New findings recorded by clinician: Fever or chills; pain 8/10; symptoms for 20 days. "
                        + "Note: Patient rang: fever since last night");
        JsonNode intake = storedIntake(id);
        assertThat(intake.get("findings").toString()).isEqualTo("[\"MINOR_TRAUMA\",\"OSTEOPOROSIS\",\"FEVER\"]");
        assertThat(intake.at("/complaint/painScore").asInt()).isEqualTo(8);
        assertThat(intake.at("/complaint/symptomDurationDays").asInt()).isEqualTo(20);
        assertThat(intake.at("/complaint/region").asText()).isEqualTo("LUMBAR");
        assertThat(intake.at("/patient/phone").asText()).as("the intake keeps its contact details").isNotBlank();

        ConsumerRecord<String, byte[]> event = submitted.await(r -> r.key().equals(id) && FINDINGS_ADDED.equals(type(r)));
        JsonNode data = objectMapper.readTree(event.value());
        assertThat(data.get("referralId").asText()).isEqualTo(id);
        assertThat(data.get("revision").asInt()).isEqualTo(1);
        assertThat(data.get("note").asText()).isEqualTo("Patient rang: fever since last night");
        assertThat(data.at("/referral/findings").toString()).isEqualTo("[\"MINOR_TRAUMA\",\"OSTEOPOROSIS\",\"FEVER\"]");
        assertThat(data.at("/referral/complaint/painScore").asInt()).isEqualTo(8);
        assertThat(data.at("/referral/complaint/symptomDurationDays").asInt()).isEqualTo(20);
        assertThat(data.at("/referral/submittedAt").asText()).isEqualTo(added.getBody().get("submittedAt").asText());
        assertThat(data.at("/referral/patient/phone").isMissingNode()).isTrue();
        assertThat(data.at("/referral/referrer").isMissingNode()).isTrue();

        ResponseEntity<JsonNode> retried = addFindings("clinician", id, body);

        assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(retried.getBody().get("timeline")).hasSize(2);
        assertThat(findingsAddedFor(id)).as("a retry publishes nothing").hasSize(1);

        addFindings("frontdesk", id, "{\"painScore\": 9}");
        assertThat(findingsAddedFor(id)).extracting(r -> objectMapper.readTree(r.value()).get("revision").asInt())
                .containsExactly(1, 2);
        assertThat(get("frontdesk", id).get("timeline").findValuesAsText("detail"))
                .last().isEqualTo("New findings recorded by frontdesk: pain 9/10");
    }

    @Test
    void bad_findings_are_refused_field_by_field_and_change_nothing() {
        String id = submit("MRN-F002");
        JsonNode intakeBefore = storedIntake(id);

        ResponseEntity<JsonNode> unknown = addFindings("frontdesk", id, "{\"findings\": [\"SORE_TOE\"]}");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(unknown.getBody().at("/errors/0/pointer").asText()).isEqualTo("/findings/0");
        assertThat(unknown.getBody().at("/errors/0/detail").asText()).startsWith("must be one of: ");
        assertThat(pointers(addFindings("frontdesk", id, "{\"painScore\": 11}"))).containsExactly("/painScore");
        assertThat(pointers(addFindings("frontdesk", id, "{}"))).containsExactly("/findings");
        assertThat(pointers(addFindings("frontdesk", id, """
                {"findings": ["FEVER", "BACK_ACHE"], "painScore": -1, "symptomDurationDays": 99999,
                 "note": "%s"}""".formatted("x".repeat(2001)))))
                .containsExactly("/findings/1", "/note", "/painScore", "/symptomDurationDays");
        assertThat(addFindings("frontdesk", id, "not json").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        assertThat(storedIntake(id)).isEqualTo(intakeBefore);
        assertThat(get("frontdesk", id).get("timeline")).hasSize(1);
        assertThat(findingsAddedFor(id)).isEmpty();
    }

    @Test
    void only_an_open_referral_takes_findings_and_only_from_the_front_desk_and_clinicians() {
        String fever = "{\"findings\": [\"FEVER\"]}";
        for (ReferralStatus closed : List.of(ReferralStatus.CANCELLED, ReferralStatus.CLOSED, ReferralStatus.RETURNED)) {
            String id = submit("MRN-F003");
            progress.statusChanged(new ReferralStatusChanged(id, closed, Pathway.PHYSICAL_THERAPY, "Closed for the test",
                    Instant.now()));

            ResponseEntity<JsonNode> refused = addFindings("frontdesk", id, fever);

            assertThat(refused.getStatusCode()).as(closed.name()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(storedIntake(id).get("findings").toString()).doesNotContain("FEVER");
        }
        assertThat(addFindings("frontdesk", UUID.randomUUID().toString(), fever).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        String open = submit("MRN-F004");
        assertThat(addFindings("scheduler", open, fever).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(addFindings("admin", open, fever).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.exchange(url("/api/referrals/" + open + "/findings"), HttpMethod.POST,
                new HttpEntity<>(fever, jsonHeaders()), String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(storedIntake(open).get("findings").toString()).doesNotContain("FEVER");
        assertThat(addFindings("lead", open, fever).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(storedIntake(open).get("findings").toString()).contains("FEVER");
    }

    @Test
    void a_retriage_applies_at_once_when_more_urgent_and_waits_for_a_clinician_when_less_urgent() {
        String id = submit("MRN-F005");
        send(new ReferralTriaged(id, Pathway.URGENT_IMAGING,
                Priority.URGENT, List.of("R13"), List.of("Minor injury with fracture risk"), null));
        Instant t = Instant.now();
        send(new ReferralRetriaged(id, 1, t, null,
                new ReferralTriaged(id, Pathway.ER_REFERRAL, Priority.STAT, List.of("R07", "R13"),
                        List.of("Fever with neck stiffness", "Minor injury with fracture risk"), null)));
        ReferralRetriaged lessUrgent = new ReferralRetriaged(id, 2, t.plusSeconds(1), "feeling better",
                new ReferralTriaged(id, Pathway.PHYSICAL_THERAPY, Priority.ROUTINE, List.of("R23"),
                        List.of("Recurrent spasms"), null));
        send(lessUrgent);
        RecordMetadata again = send(lessUrgent);

        ConsumerProgress.awaitHandled(RealInfrastructure.get(), "intake-triage-results", again);
        JsonNode view = get("clinician", id);
        assertThat(view.at("/triage/pathway").asText()).as("the first triage stays").isEqualTo("URGENT_IMAGING");
        assertThat(view.at("/triage/rules").toString()).isEqualTo("[\"R13\"]");
        JsonNode revisions = view.at("/triage/revisions");
        assertThat(revisions).hasSize(2);
        assertThat(revisions.get(0).get("revision").asInt()).isEqualTo(1);
        assertThat(revisions.get(0).get("pathway").asText()).isEqualTo("ER_REFERRAL");
        assertThat(revisions.get(0).get("priority").asText()).isEqualTo("stat");
        assertThat(revisions.get(0).get("rules").toString()).isEqualTo("[\"R07\",\"R13\"]");
        assertThat(Instant.parse(revisions.get(0).get("at").asText())).isEqualTo(t);
        assertThat(revisions.get(0).get("applied").asBoolean()).isTrue();
        assertThat(revisions.get(1).get("pathway").asText()).isEqualTo("PHYSICAL_THERAPY");
        assertThat(revisions.get(1).get("applied").asBoolean()).isFalse();
        assertThat(view.get("timeline").findValuesAsText("detail")).containsSubsequence(
                "Re-triaged after new findings: Emergency department (R07, R13), applies at once",
                "Re-triaged after new findings: Physical therapy (R23), waits for a clinician's review");
        assertThat(view.get("timeline").findValuesAsText("detail"))
                .filteredOn(detail -> detail.startsWith("Re-triaged")).as("a repeated revision adds nothing").hasSize(2);

        // The clinician accepts the less urgent pathway: the workflow reports the referral on it.
        RecordMetadata accepted = send(new ReferralStatusChanged(id, ReferralStatus.TRIAGED, Pathway.PHYSICAL_THERAPY,
                        "Clinician accepted the re-triage", Instant.now()));

        ConsumerProgress.awaitHandled(RealInfrastructure.get(), "intake-status-changes", accepted);
        JsonNode after = get("clinician", id);
        assertThat(after.get("pathway").asText()).isEqualTo("PHYSICAL_THERAPY");
        assertThat(after.at("/triage/revisions/1/applied").asBoolean()).isTrue();
        assertThat(after.at("/triage/revisions/0/applied").asBoolean()).isTrue();
    }

    @Test
    void a_referral_without_revisions_shows_an_empty_list_and_a_retriage_before_any_pathway_applies() {
        String id = submit("MRN-F006");
        jdbc.sql("UPDATE referral SET triage = CAST(? AS jsonb) WHERE id = ?")
                .params("{\"pathway\": \"PHYSICAL_THERAPY\", \"priority\": \"routine\", \"rules\": [\"R23\"], "
                        + "\"reasons\": [\"Recurrent spasms\"]}", UUID.fromString(id))
                .update();
        assertThat(get("frontdesk", id).at("/triage/revisions").toString()).as("a row stored before revisions")
                .isEqualTo("[]");

        String other = submit("MRN-F007");
        progress.retriaged(new ReferralRetriaged(other, 1, Instant.now(), null, new ReferralTriaged(other,
                Pathway.PRIMARY_CARE_FOLLOW_UP, Priority.ROUTINE, List.of("R30"), List.of("Default"), null)));
        assertThat(get("frontdesk", other).at("/triage/revisions/0/applied").asBoolean())
                .as("no pathway yet: nothing to wait for").isTrue();
    }

    private String submit(String mrn) {
        HttpHeaders headers = jsonHeaders();
        ResponseEntity<JsonNode> answer = http.withBasicAuth("frontdesk", "frontdesk").exchange(url("/api/referrals"),
                HttpMethod.POST, new HttpEntity<>(ExampleIntake.json(mrn), headers), JsonNode.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        return answer.getBody().get("id").asText();
    }

    private ResponseEntity<JsonNode> addFindings(String user, String id, String body) {
        return http.withBasicAuth(user, user).exchange(url("/api/referrals/" + id + "/findings"), HttpMethod.POST,
                new HttpEntity<>(body, jsonHeaders()), JsonNode.class);
    }

    private JsonNode get(String user, String id) {
        return http.withBasicAuth(user, user).getForEntity(url("/api/referrals/" + id), JsonNode.class).getBody();
    }

    private static List<String> pointers(ResponseEntity<JsonNode> answer) {
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        return answer.getBody().get("errors").findValuesAsText("pointer");
    }

    private JsonNode storedIntake(String id) {
        try {
            return objectMapper.readTree(jdbc.sql("SELECT intake::text FROM referral WHERE id = ?")
                    .param(UUID.fromString(id)).query(String.class).single());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every findings-added event of this referral on the topic, once intake's outbox has sent all it holds for the
     * referral: a second event cannot still be on its way.
     */
    private List<ConsumerRecord<String, byte[]>> findingsAddedFor(String id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM outbox_event WHERE record_key = ?")
                .param(id).query(Long.class).single() == 0);
        return submitted.allUpToNow().stream()
                .filter(r -> id.equals(r.key()) && FINDINGS_ADDED.equals(type(r)))
                .toList();
    }

    /** Publishes the event as the service that owns its type would. */
    private RecordMetadata send(EventPayload payload) {
        EventType type = EventType.of(payload);
        try {
            return KafkaRecords.send(RealInfrastructure.get(), KafkaRecords.cloudEvent(type.topic(),
                    payload.referralId(), UUID.randomUUID().toString(), type.type(),
                    objectMapper.writeValueAsBytes(payload)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpHeaders jsonHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static String type(ConsumerRecord<String, byte[]> record) {
        var header = record.headers().lastHeader("ce_type");
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
