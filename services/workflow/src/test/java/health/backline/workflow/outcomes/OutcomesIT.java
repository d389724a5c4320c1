package health.backline.workflow.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.events.Pathway;
import health.backline.events.intake.Complaint;
import health.backline.events.intake.Intake;
import health.backline.events.intake.Patient;
import health.backline.events.intake.Region;
import health.backline.events.payload.AppointmentBooked;
import health.backline.events.payload.ReferralSubmitted;
import health.backline.events.payload.ReferralTriaged;
import health.backline.workflow.WorkflowServiceTest;
import health.backline.workflow.booking.BookingOutcomes;
import health.backline.workflow.referral.ReferralFlow;
import health.backline.workflow.referral.ReferralProcess.Elements;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
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
 * Measured outcomes on the real stack: reassessments completed through the task API with pain scores and STarT Back
 * answers, recorded in the engine's transaction, and {@code GET /api/outcomes} over exactly them. The referrals are
 * reassessed in April 2031 (the engine's clock), a month no other test reassesses in.
 */
@WorkflowServiceTest
class OutcomesIT {

    static final Instant FIRST_VISIT = Instant.parse("2031-03-10T10:00:00Z");
    static final String APRIL_2031 = "/api/outcomes?from=2031-04-01&to=2031-05-01";
    static final String START_BACK = "\"startBack\": {\"answers\": [true, false, false, true, false, true, true, false, true]}";

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    ReferralFlow flow;

    @Autowired
    BookingOutcomes bookings;

    @Autowired
    TaskService taskService;

    @Autowired
    ManagementService management;

    @Autowired
    RuntimeService runtime;

    @Autowired
    JdbcClient jdbc;

    final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void reassessments_give_the_share_improving_and_the_median_pain_change_per_pathway() throws Exception {
        // Pain 8 → 4: a fall of 50 %, improving, as the clinician says.
        String halved = awaitingReassessment(Pathway.PHYSICAL_THERAPY, 8);
        assertThat(complete(halved, "{\"outcome\": \"IMPROVING\", \"painScore\": 4, " + START_BACK + "}").getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        // Pain 6 → 5: a fall of 17 %, not improving, as the clinician says; an old client's body still works.
        String little = awaitingReassessment(Pathway.PHYSICAL_THERAPY, 6);
        assertThat(complete(little, "{\"outcome\": \"NOT_IMPROVING\", \"painScore\": 5}").getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        // Pain 5 → 4: a fall of 20 %; the clinician judges improving, which needs a note.
        String judged = awaitingReassessment(Pathway.PHYSICAL_THERAPY, 5);
        ResponseEntity<JsonNode> noNote = complete(judged, "{\"outcome\": \"IMPROVING\", \"painScore\": 4}");
        assertThat(noNote.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noNote.getBody().findValuesAsText("pointer")).containsExactly("/note");
        assertThat(taskService.createTaskQuery().taskId(judged).count()).as("still open").isOne();
        assertThat(recorded(judged)).isZero();
        assertThat(complete(judged, "{\"outcome\": \"IMPROVING\", \"painScore\": 4, \"note\": \"Back at work, sleeps well\"}")
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        // Primary care: pain 7 → 2.
        String primary = awaitingReassessment(Pathway.PRIMARY_CARE_FOLLOW_UP, 7);
        assertThat(complete(primary, "{\"outcome\": \"IMPROVING\", \"painScore\": 2, \"note\": \"\"}").getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        JsonNode outcomes = get("lead", APRIL_2031).getBody();

        assertThat(outcomes.get("from").asText()).isEqualTo("2031-03-31T23:00:00Z"); // 1 April in London (BST)
        assertThat(outcomes.get("pathways")).isEqualTo(json.readTree("""
                {"ER_REFERRAL": {"reassessed": 0, "improving": 0, "computedImproving": 0, "medianPainChange": null},
                 "URGENT_IMAGING": {"reassessed": 0, "improving": 0, "computedImproving": 0, "medianPainChange": null},
                 "PHYSICAL_THERAPY": {"reassessed": 3, "improving": 2, "computedImproving": 1, "medianPainChange": -1.0},
                 "PRIMARY_CARE_FOLLOW_UP": {"reassessed": 1, "improving": 1, "computedImproving": 1, "medianPainChange": -5.0}}
                """));
        assertThat(jdbc.sql("""
                        SELECT intake_pain_score, pain_score, pain_change, outcome, computed_outcome, clinician,
                               start_back_total, start_back_psychosocial, start_back_risk
                        FROM reassessment WHERE task_id = ?""").param(halved).query().singleRow())
                .containsAllEntriesOf(Map.of("intake_pain_score", 8, "pain_score", 4, "pain_change", -4,
                        "outcome", "IMPROVING", "computed_outcome", "IMPROVING", "clinician", "clinician",
                        "start_back_total", 5, "start_back_psychosocial", 3, "start_back_risk", "MEDIUM"));
        assertThat(get("admin", APRIL_2031).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void a_pain_score_out_of_range_and_too_few_start_back_answers_are_refused_field_by_field() {
        String task = awaitingReassessment(Pathway.PHYSICAL_THERAPY, 6);

        ResponseEntity<JsonNode> refused = complete(task,
                "{\"outcome\": \"IMPROVING\", \"painScore\": 11, \"startBack\": {\"answers\": [true, false]}}");

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().findValuesAsText("pointer")).containsExactlyInAnyOrder("/painScore", "/startBack/answers");
        assertThat(recorded(task)).isZero();
        assertThat(taskService.createTaskQuery().taskId(task).count()).isOne();
    }

    @Test
    void only_clinical_leads_and_admins_read_the_outcomes() {
        assertThat(get("lead", "/api/outcomes").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("lead", "/api/outcomes").getBody().get("pathways").size()).isEqualTo(Pathway.values().length);
        assertThat(get("clinician", "/api/outcomes").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("frontdesk", "/api/outcomes").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.getForEntity(url("/api/outcomes"), String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get("lead", "/api/outcomes?from=2031-05-01&to=2031-04-01").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(get("lead", "/api/outcomes?from=April").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    /** A referral of this pathway and intake pain, booked, four weeks after its first visit: its reassessment task. */
    private String awaitingReassessment(Pathway pathway, int intakePain) {
        String referral = UUID.randomUUID().toString();
        flow.submitted(ReferralSubmitted.of(referral, Instant.now(), new Intake(
                new Patient("MRN-21", "Grace", "Hopper", LocalDate.of(1960, 12, 9), null, null), null,
                new Complaint(Region.LUMBAR, 20, intakePain, null), List.of(), 0, null, null)));
        flow.triaged(new ReferralTriaged(referral, pathway, pathway.priority(), List.of("R21"), List.of("a"), null));
        bookings.booked(new AppointmentBooked(referral, pathway, FIRST_VISIT, FIRST_VISIT.plus(Duration.ofMinutes(30)),
                "Clinic", "ROOM-1"));
        ClockUtil.setCurrentTime(Date.from(FIRST_VISIT.plus(Duration.ofDays(28)).plusSeconds(1)));
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(referral).singleResult().getId();
        management.executeJob(management.createJobQuery().processInstanceId(instance).timers().executable()
                .singleResult().getId());
        return taskService.createTaskQuery().processInstanceBusinessKey(referral)
                .taskDefinitionKey(Elements.REASSESS_PROGRESS).singleResult().getId();
    }

    private long recorded(String task) {
        return jdbc.sql("SELECT count(*) FROM reassessment WHERE task_id = ?").param(task).query(Long.class).single();
    }

    private ResponseEntity<JsonNode> complete(String task, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth("clinician", "clinician").exchange(url("/api/tasks/" + task + "/complete"),
                HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private ResponseEntity<JsonNode> get(String user, String path) {
        return http.withBasicAuth(user, user).getForEntity(url(path), JsonNode.class);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
