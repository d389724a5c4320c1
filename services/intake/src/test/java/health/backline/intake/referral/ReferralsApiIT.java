package health.backline.intake.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.backline.events.Pathway;
import health.backline.events.Priority;
import health.backline.events.Topics;
import health.backline.events.ReferralStatus;
import health.backline.events.payload.AppointmentBooked;
import health.backline.events.payload.ReferralStatusChanged;
import health.backline.events.payload.ReferralTriaged;
import health.backline.intake.IntakeServiceTest;
import health.backline.testsupport.ConsumerProgress;
import health.backline.testsupport.ExampleIntake;
import health.backline.testsupport.KafkaRecords;
import health.backline.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
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

/** The referrals API against a real Kafka broker and a real PostgreSQL. */
@IntakeServiceTest
class ReferralsApiIT {

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    ObjectMapper objectMapper;

    @Autowired
    JdbcClient jdbc;

    KafkaRecords submitted;

    @BeforeEach
    void watchSubmittedTopic() {
        submitted = KafkaRecords.of(RealInfrastructure.get(), Topics.REFERRALS_SUBMITTED);
    }

    @Test
    void a_valid_intake_is_accepted_stored_and_announced_without_contact_details() throws Exception {
        ResponseEntity<JsonNode> response = post("frontdesk", intake("MRN-1001"), null);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String id = response.getBody().get("id").asText();
        assertThat(response.getHeaders().getLocation()).hasToString("/api/referrals/" + id);
        assertThat(response.getBody().get("status").asText()).isEqualTo("SUBMITTED");
        assertThat(response.getBody().get("triage").isNull()).isTrue();
        assertThat(response.getBody().at("/patient/mrn").asText()).isEqualTo("MRN-1001");
        assertThat(response.getBody().at("/timeline/0/status").asText()).isEqualTo("SUBMITTED");

        ConsumerRecord<String, byte[]> event = submitted.await(r -> r.key().equals(id));
        assertThat(header(event, "ce_type")).isEqualTo("backline.referral.submitted.v1");
        assertThat(header(event, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(event, "ce_source")).isEqualTo("/backline/intake");
        assertThat(header(event, "content-type")).isEqualTo("application/json");
        JsonNode data = objectMapper.readTree(event.value());
        assertThat(data.get("referralId").asText()).isEqualTo(id);
        assertThat(data.get("submittedAt").asText()).isNotBlank();
        assertThat(data.at("/patient/mrn").asText()).isEqualTo("MRN-1001");
        assertThat(data.at("/patient/phone").isMissingNode()).isTrue();
        assertThat(data.has("referrer")).isFalse();
        assertThat(data.at("/findings/0").asText()).isEqualTo("MINOR_TRAUMA");
        assertThat(data.at("/startBack/answers/8").asText()).isEqualTo("VERY_MUCH");
    }

    @Test
    void an_invalid_intake_lists_every_offending_field_and_stores_nothing() {
        long before = referralCount();
        ObjectNode body = intake("MRN 1002!");
        ((ObjectNode) body.get("patient")).put("birthDate", "2999-01-01");
        ((ObjectNode) body.get("patient")).put("givenName", "   ");
        ((ObjectNode) body.get("complaint")).put("painScore", 11);
        ((ObjectNode) body.get("complaint")).remove("region");
        body.putArray("findings").add("FEVER").add("FEVER").add("SORE_TOE");
        body.put("conservativeCareWeeks", 8);
        body.putNull("improving");
        body.put("finding", "typo");

        ResponseEntity<JsonNode> response = post("frontdesk", body, null);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        List<String> pointers = response.getBody().get("errors").findValuesAsText("pointer");
        assertThat(pointers).contains("/patient/mrn", "/patient/birthDate", "/patient/givenName",
                "/complaint/painScore", "/complaint/region", "/findings", "/findings/2", "/improving", "/finding");
        assertThat(response.getBody().get("status").asInt()).isEqualTo(400);
        assertThat(referralCount()).isEqualTo(before);
        assertThat(submitted.received()).noneMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains("MRN 1002!"));
    }

    @Test
    void a_retry_with_the_same_idempotency_key_returns_the_first_referral() {
        String key = "key-" + UUID.randomUUID();
        ResponseEntity<JsonNode> first = post("frontdesk", intake("MRN-1003"), key);
        ResponseEntity<JsonNode> again = post("frontdesk", intake("MRN-1003"), key);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody().get("id")).isEqualTo(first.getBody().get("id"));
        assertThat(jdbc.sql("SELECT count(*) FROM referral WHERE intake->'patient'->>'mrn' = 'MRN-1003'")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void the_same_idempotency_key_with_another_intake_is_a_conflict() {
        String key = "key-" + UUID.randomUUID();
        post("frontdesk", intake("MRN-1004"), key);

        ResponseEntity<JsonNode> other = post("frontdesk", intake("MRN-1005"), key);

        assertThat(other.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(other.getBody().get("title").asText()).isEqualTo("Idempotency key already used");
    }

    @Test
    void a_triage_result_moves_the_referral_to_triaged_once_however_often_it_is_delivered() {
        String id = post("frontdesk", intake("MRN-1006"), null).getBody().get("id").asText();
        var triaged = new ReferralTriaged(id, Pathway.URGENT_IMAGING, Priority.URGENT, List.of("R13", "R14"),
                List.of("Minor injury with fracture risk: possible fragility fracture",
                        "Osteoporosis or ankylosing spondylitis: possible compression fracture or fusion injury"), null);
        String eventId = UUID.randomUUID().toString();
        KafkaRecords.send(RealInfrastructure.get(), KafkaRecords.cloudEvent(Topics.REFERRALS_TRIAGED, id, eventId,
                "backline.referral.triaged.v1", json(triaged)));
        RecordMetadata again = KafkaRecords.send(RealInfrastructure.get(), KafkaRecords.cloudEvent(
                Topics.REFERRALS_TRIAGED, id, eventId, "backline.referral.triaged.v1", json(triaged)));

        ConsumerProgress.awaitHandled(RealInfrastructure.get(), "intake-triage-results", again);
        JsonNode view = get("clinician", id).getBody();
        assertThat(view.get("status").asText()).isEqualTo("TRIAGED");
        assertThat(view.get("pathway").asText()).isEqualTo("URGENT_IMAGING");
        assertThat(view.at("/triage/priority").asText()).isEqualTo("urgent");
        assertThat(view.at("/triage/rules").toString()).isEqualTo("[\"R13\",\"R14\"]");
        assertThat(get("admin", id).getBody().get("timeline").findValuesAsText("status"))
                .containsExactly("SUBMITTED", "TRIAGED");
    }

    @Test
    void an_unreadable_record_goes_to_the_dead_letter_topic_and_the_next_one_is_still_handled() {
        KafkaRecords dlt = KafkaRecords.of(RealInfrastructure.get(), Topics.deadLetterOf(Topics.REFERRALS_TRIAGED));
        String poisonKey = "poison-" + UUID.randomUUID();
        KafkaRecords.send(RealInfrastructure.get(), new ProducerRecord<>(Topics.REFERRALS_TRIAGED, poisonKey,
                "not a cloud event".getBytes(StandardCharsets.UTF_8)));
        String id = post("frontdesk", intake("MRN-1007"), null).getBody().get("id").asText();
        var triaged = new ReferralTriaged(id, Pathway.PHYSICAL_THERAPY, Priority.ROUTINE, List.of("R23"),
                List.of("Recurrent spasms: exercise and core strengthening to prevent recurrence"), null);
        KafkaRecords.send(RealInfrastructure.get(), KafkaRecords.cloudEvent(Topics.REFERRALS_TRIAGED, id,
                UUID.randomUUID().toString(), "backline.referral.triaged.v1", json(triaged)));

        ConsumerRecord<String, byte[]> dead = dlt.await(r -> poisonKey.equals(r.key()));
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("not a cloud event");
        assertThat(header(dead, "kafka_dlt-exception-message")).isNotBlank();
        assertThat(http.withBasicAuth("admin", "admin").getForEntity(url("/actuator/prometheus"), String.class).getBody())
                .contains("backline_kafka_dead_letters_total{topic=\"referrals.triaged\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> get("frontdesk", id).getBody().get("status").asText(),
                "TRIAGED"::equals);
    }

    @Test
    void referrals_are_listed_newest_first_in_pages_and_filtered() {
        String older = post("frontdesk", intake("MRN-1008"), null).getBody().get("id").asText();
        String newer = post("frontdesk", intake("MRN-1009"), null).getBody().get("id").asText();

        JsonNode page = http.withBasicAuth("frontdesk", "frontdesk")
                .getForEntity(url("/api/referrals?size=2&page=0&status=SUBMITTED"), JsonNode.class).getBody();

        assertThat(page.get("size").asInt()).isEqualTo(2);
        assertThat(page.get("page").asInt()).isEqualTo(0);
        assertThat(page.get("totalElements").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(page.get("items").findValuesAsText("status")).containsOnly("SUBMITTED");
        List<String> ids = page.get("items").findValuesAsText("id");
        if (ids.contains(older)) {
            assertThat(ids.indexOf(newer)).isLessThan(ids.indexOf(older));
        }
        assertThat(ids.get(0)).isEqualTo(newer);
        ResponseEntity<JsonNode> tooBig = http.withBasicAuth("frontdesk", "frontdesk")
                .getForEntity(url("/api/referrals?size=101"), JsonNode.class);
        assertThat(tooBig.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooBig.getBody().at("/errors/0/pointer").asText()).isEqualTo("size");
        ResponseEntity<JsonNode> badStatus = http.withBasicAuth("frontdesk", "frontdesk")
                .getForEntity(url("/api/referrals?status=LOST"), JsonNode.class);
        assertThat(badStatus.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void the_view_follows_the_workflow_and_never_moves_back_to_an_older_status() {
        String id = post("frontdesk", intake("MRN-1011"), null).getBody().get("id").asText();
        Instant t = Instant.now();
        sendStatus(id, ReferralStatus.AWAITING_REVIEW, Pathway.URGENT_IMAGING, "Waiting for review", t.plusSeconds(2));
        sendStatus(id, ReferralStatus.SCHEDULED, Pathway.URGENT_IMAGING, "Booked: Imaging suite", t.plusSeconds(3));
        Instant start = t.plus(Duration.ofDays(1));
        RecordMetadata booked = KafkaRecords.send(RealInfrastructure.get(), KafkaRecords.cloudEvent(
                Topics.APPOINTMENTS_OUTCOME, id, UUID.randomUUID().toString(), "backline.appointment.booked.v1",
                json(new AppointmentBooked(id, Pathway.URGENT_IMAGING, start, start.plus(Duration.ofMinutes(30)),
                        "Imaging suite", "MRI-1"))));
        RecordMetadata late = sendStatus(id, ReferralStatus.TRIAGED, Pathway.URGENT_IMAGING, "Late report", t.plusSeconds(1));

        // The status reports come one after another on one partition: the late one handled means all were.
        ConsumerProgress.awaitHandled(RealInfrastructure.get(), "intake-appointments", booked);
        ConsumerProgress.awaitHandled(RealInfrastructure.get(), "intake-status-changes", late);
        JsonNode view = get("frontdesk", id).getBody();
        assertThat(view.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(view.get("timeline").findValuesAsText("status"))
                .containsExactly("SUBMITTED", "AWAITING_REVIEW", "SCHEDULED");
        assertThat(view.at("/appointment/location").asText()).isEqualTo("Imaging suite");
        assertThat(view.at("/appointment/resource").asText()).isEqualTo("MRI-1");
        assertThat(view.get("pathway").asText()).isEqualTo("URGENT_IMAGING");
    }

    @Test
    void a_cancellation_is_handed_to_the_workflow_and_a_closed_referral_cannot_be_cancelled() {
        KafkaRecords cancellations = KafkaRecords.of(RealInfrastructure.get(), Topics.REFERRALS_CANCEL);
        String id = post("frontdesk", intake("MRN-1012"), null).getBody().get("id").asText();

        ResponseEntity<JsonNode> accepted = cancel("frontdesk", id, "{\"reason\": \"Patient moved away\"}");

        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        ConsumerRecord<String, byte[]> request = cancellations.await(r -> r.key().equals(id));
        assertThat(header(request, "ce_type")).isEqualTo("backline.referral.cancel-requested.v1");
        assertThat(new String(request.value(), StandardCharsets.UTF_8)).contains("Patient moved away", "frontdesk");

        sendStatus(id, ReferralStatus.CANCELLED, null, "Referral cancelled: Patient moved away", Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> get("frontdesk", id).getBody().get("status").asText(),
                "CANCELLED"::equals);
        assertThat(cancel("lead", id, "{\"reason\": \"again\"}").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void a_referral_returned_to_its_referrer_shows_the_reason_and_cannot_be_cancelled() {
        String id = post("frontdesk", intake("MRN-1014"), null).getBody().get("id").asText();
        Instant t = Instant.now();
        String reason = "No red flags: please try six weeks of physiotherapy first.";
        sendStatus(id, ReferralStatus.AWAITING_REVIEW, Pathway.URGENT_IMAGING, "Waiting for review", t);
        assertThat(get("frontdesk", id).getBody().get("returnReason").isNull()).isTrue();
        RecordMetadata returned = sendStatus(id, ReferralStatus.RETURNED, Pathway.URGENT_IMAGING, reason, t.plusSeconds(1));

        ConsumerProgress.awaitHandled(RealInfrastructure.get(), "intake-status-changes", returned);
        JsonNode view = get("frontdesk", id).getBody();
        assertThat(view.get("status").asText()).isEqualTo("RETURNED");
        assertThat(view.get("returnReason").asText()).isEqualTo(reason);
        assertThat(view.at("/timeline/2/status").asText()).isEqualTo("RETURNED");
        assertThat(view.at("/timeline/2/detail").asText()).isEqualTo(reason);
        ResponseEntity<JsonNode> refused = cancel("frontdesk", id, "{\"reason\": \"Patient moved away\"}");
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(get("frontdesk", id).getBody().get("timeline")).hasSize(3);
    }

    @Test
    void a_cancellation_needs_a_reason_an_existing_referral_and_the_right_role() {
        String id = post("frontdesk", intake("MRN-1013"), null).getBody().get("id").asText();

        assertThat(cancel("frontdesk", id, "{}").getBody().at("/errors/0/pointer").asText()).isEqualTo("/reason");
        assertThat(cancel("frontdesk", UUID.randomUUID().toString(), "{\"reason\": \"x\"}").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(cancel("clinician", id, "{\"reason\": \"x\"}").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void every_read_of_patient_details_is_in_the_audit_trail_for_admins() {
        String id = post("frontdesk", intake("MRN-1014"), null).getBody().get("id").asText();
        get("clinician", id);

        ResponseEntity<JsonNode> trail = audit("referralId=" + id);

        assertThat(trail.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode read = trail.getBody().get(0);
        assertThat(read.get("actor").asText()).isEqualTo("clinician");
        assertThat(read.get("action").asText()).isEqualTo("PATIENT_DATA_READ");
        assertThat(read.get("channel").asText()).isEqualTo("GET /api/referrals/{id}");
        assertThat(read.get("referralIds")).extracting(JsonNode::asText).containsExactly(id);
        assertThat(read.get("at").asText()).isNotBlank();
        assertThat(http.withBasicAuth("clinician", "clinician").getForEntity(url("/api/audit"), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void a_list_of_referrals_leaves_one_audit_entry_naming_every_referral_it_showed() {
        String first = post("frontdesk", intake("MRN-1016"), null).getBody().get("id").asText();
        String second = post("frontdesk", intake("MRN-1017"), null).getBody().get("id").asText();

        ResponseEntity<JsonNode> list = http.withBasicAuth("clinician", "clinician")
                .getForEntity(url("/api/referrals?size=2"), JsonNode.class);
        assertThat(list.getBody().get("items")).extracting(item -> item.get("id").asText()).containsExactly(second, first);

        JsonNode read = audit("referralId=" + first).getBody().get(0);
        assertThat(read.get("channel").asText()).isEqualTo("GET /api/referrals");
        assertThat(read.get("actor").asText()).isEqualTo("clinician");
        assertThat(read.get("referralIds")).extracting(JsonNode::asText).containsExactly(second, first);
        assertThat(audit("referralId=" + second).getBody().get(0).get("id")).isEqualTo(read.get("id"));
    }

    @Test
    void the_audit_trail_is_filtered_by_user_and_day_and_refuses_a_day_that_is_no_date() {
        String id = post("frontdesk", intake("MRN-1018"), null).getBody().get("id").asText();
        get("frontdesk", id);
        get("clinician", id);
        String today = LocalDate.now(ZoneId.of("Europe/London")).toString();

        JsonNode byFrontDesk = audit("referralId=" + id + "&user=frontdesk&day=" + today).getBody();
        assertThat(byFrontDesk).isNotEmpty().allSatisfy(entry -> assertThat(entry.get("actor").asText()).isEqualTo("frontdesk"));
        assertThat(audit("referralId=" + id + "&day=2020-01-01").getBody()).isEmpty();

        ResponseEntity<JsonNode> badDay = audit("day=yesterday");
        assertThat(badDay.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badDay.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(badDay.getBody().at("/errors/0/pointer").asText()).isEqualTo("day");
    }

    @Test
    void submissions_outbox_and_consumer_lag_are_exported_for_prometheus() {
        post("frontdesk", intake("MRN-1015"), null);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(http.withBasicAuth("admin", "admin")
                .getForEntity(url("/actuator/prometheus"), String.class).getBody())
                .contains("backline_referrals_submitted_total", "backline_outbox_unsent", "backline_outbox_resting",
                        "kafka_consumer_fetch_manager_records_lag_max"));
    }

    @Test
    void an_unknown_referral_is_not_found() {
        ResponseEntity<JsonNode> response = get("frontdesk", UUID.randomUUID().toString());
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void only_the_front_desk_submits_and_nobody_reads_without_login() {
        assertThat(post("clinician", intake("MRN-1010"), null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("scheduler", intake("MRN-1010"), null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.getForEntity(url("/api/referrals"), String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.withBasicAuth("scheduler", "scheduler").getForEntity(url("/api/referrals"), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.withBasicAuth("lead", "lead").getForEntity(url("/api/referrals"), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http.getForEntity(url("/actuator/health"), String.class).getBody()).contains("\"status\":\"UP\"");
    }

    private ResponseEntity<JsonNode> audit(String query) {
        return http.withBasicAuth("admin", "admin").getForEntity(url("/api/audit?" + query), JsonNode.class);
    }

    private ObjectNode intake(String mrn) {
        try {
            return (ObjectNode) objectMapper.readTree(ExampleIntake.json(mrn));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ResponseEntity<JsonNode> post(String user, JsonNode body, String idempotencyKey) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (idempotencyKey != null) {
            headers.set("Idempotency-Key", idempotencyKey);
        }
        return http.withBasicAuth(user, user).exchange(url("/api/referrals"), HttpMethod.POST,
                new HttpEntity<>(body, headers), JsonNode.class);
    }

    private ResponseEntity<JsonNode> get(String user, String id) {
        return http.withBasicAuth(user, user).getForEntity(url("/api/referrals/" + id), JsonNode.class);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private long referralCount() {
        return jdbc.sql("SELECT count(*) FROM referral").query(Long.class).single();
    }


    private RecordMetadata sendStatus(String id, ReferralStatus status, Pathway pathway, String detail, Instant at) {
        return KafkaRecords.send(RealInfrastructure.get(), KafkaRecords.cloudEvent(Topics.REFERRALS_STATUS, id,
                UUID.randomUUID().toString(), "backline.referral.status-changed.v1",
                json(new ReferralStatusChanged(id, status, pathway, detail, at))));
    }

    private ResponseEntity<JsonNode> cancel(String user, String id, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, user).exchange(url("/api/referrals/" + id + "/cancel"), HttpMethod.POST,
                new HttpEntity<>(body, headers), JsonNode.class);
    }

    private byte[] json(Object data) {
        try {
            return objectMapper.writeValueAsBytes(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
