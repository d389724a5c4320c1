package health.backline.workflow.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.events.Pathway;
import health.backline.workflow.CamundaWebapp;
import health.backline.workflow.ReassessmentsDue;
import health.backline.workflow.PrometheusScrape;
import health.backline.workflow.WorkflowServiceTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
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
    TaskService taskService;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    ReassessmentsDue due;

    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void referrals() {
        due = new ReassessmentsDue(context);
    }

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void reassessments_give_the_share_improving_and_the_median_pain_change_per_pathway() throws Exception {
        // Pain 8 → 4: a fall of 50 %, improving, as the clinician says.
        String halved = due.task(Pathway.PHYSICAL_THERAPY, 8, FIRST_VISIT);
        assertThat(complete(halved, "{\"outcome\": \"IMPROVING\", \"painScore\": 4, " + START_BACK + "}").getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        // Pain 6 → 5: a fall of 17 %, not improving, as the clinician says; an old client's body still works.
        String little = due.task(Pathway.PHYSICAL_THERAPY, 6, FIRST_VISIT);
        assertThat(complete(little, "{\"outcome\": \"NOT_IMPROVING\", \"painScore\": 5}").getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        // Pain 5 → 4: a fall of 20 %; the clinician judges improving, which needs a note.
        String judged = due.task(Pathway.PHYSICAL_THERAPY, 5, FIRST_VISIT);
        ResponseEntity<JsonNode> noNote = complete(judged, "{\"outcome\": \"IMPROVING\", \"painScore\": 4}");
        assertThat(noNote.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noNote.getBody().findValuesAsText("pointer")).containsExactly("/note");
        assertThat(taskService.createTaskQuery().taskId(judged).count()).as("still open").isOne();
        assertThat(due.recorded(judged)).isZero();
        assertThat(complete(judged, "{\"outcome\": \"IMPROVING\", \"painScore\": 4, \"note\": \"Back at work, sleeps well\"}")
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        // Primary care: pain 7 → 2.
        String primary = due.task(Pathway.PRIMARY_CARE_FOLLOW_UP, 7, FIRST_VISIT);
        assertThat(complete(primary, "{\"outcome\": \"IMPROVING\", \"painScore\": 2, \"note\": \"\"}").getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        JsonNode outcomes = get("lead", APRIL_2031).getBody();

        assertThat(outcomes).isEqualTo(json.readTree("""
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

        // Grafana's monthly tables: the same figures as gauges, read again after each reassessment.
        String metrics = PrometheusScrape.scrape(http);
        String physicalTherapy = "{month=\"2031-04\",pathway=\"PHYSICAL_THERAPY\"}";
        assertThat(PrometheusScrape.value(metrics, "backline_outcomes_monthly_reassessed" + physicalTherapy)).isEqualTo(3.0);
        assertThat(PrometheusScrape.value(metrics, "backline_outcomes_monthly_improving_share" + physicalTherapy))
                .isCloseTo(2.0 / 3, within(1e-9));
        assertThat(PrometheusScrape.value(metrics, "backline_outcomes_monthly_pain_change_median" + physicalTherapy))
                .isEqualTo(-1.0);
        assertThat(PrometheusScrape.value(metrics,
                "backline_outcomes_monthly_pain_change_median{month=\"2031-04\",pathway=\"PRIMARY_CARE_FOLLOW_UP\"}"))
                .isEqualTo(-5.0);
    }

    @Test
    void a_pain_score_out_of_range_and_too_few_start_back_answers_are_refused_field_by_field() {
        String task = due.task(Pathway.PHYSICAL_THERAPY, 6, FIRST_VISIT);

        ResponseEntity<JsonNode> refused = complete(task,
                "{\"outcome\": \"IMPROVING\", \"painScore\": 11, \"startBack\": {\"answers\": [true, false]}}");

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().findValuesAsText("pointer")).containsExactlyInAnyOrder("/painScore", "/startBack/answers");
        assertThat(due.recorded(task)).isZero();
        assertThat(taskService.createTaskQuery().taskId(task).count()).isOne();
    }

    @Test
    void a_reassessment_completed_in_tasklist_is_held_to_the_same_rules_and_recorded_too() {
        // Clinicians complete tasks outside the task API through Tasklist (the webapps' REST API); /engine-rest is
        // for admins, who never work tasks (CamundaRestRules). Reassessed in July 2032.
        String task = due.task(Pathway.PHYSICAL_THERAPY, 8, Instant.parse("2032-06-10T10:00:00Z"));
        CamundaWebapp tasklist = CamundaWebapp.signIn(port, "tasklist", "clinician");
        assertThat(tasklist.post("/task/" + task + "/claim", "{\"userId\": \"clinician\"}").statusCode()).isEqualTo(204);

        // Pain 8 → 7, a fall of 12.5 %: "improving" needs a note here as on the task API.
        HttpResponse<String> noNote = tasklist.post("/task/" + task + "/submit-form", tasklistForm("IMPROVING", 7));
        assertThat(noNote.statusCode()).as(noNote.body()).isEqualTo(400);
        assertThat(noNote.body()).contains("note is required");
        assertThat(due.recorded(task)).isZero();

        HttpResponse<String> done = tasklist.post("/task/" + task + "/submit-form", tasklistForm("NOT_IMPROVING", 7));

        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
        assertThat(jdbc.sql("""
                        SELECT intake_pain_score, pain_score, pain_change, outcome, computed_outcome, clinician
                        FROM reassessment WHERE task_id = ?""").param(task).query().singleRow())
                .containsAllEntriesOf(Map.of("intake_pain_score", 8, "pain_score", 7, "pain_change", -1,
                        "outcome", "NOT_IMPROVING", "computed_outcome", "NOT_IMPROVING", "clinician", "clinician"));
    }

    @Test
    void only_clinical_leads_and_admins_read_the_outcomes() {
        assertThat(get("lead", "/api/outcomes").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("lead", "/api/outcomes").getBody().size()).isEqualTo(Pathway.values().length);
        assertThat(get("clinician", "/api/outcomes").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("frontdesk", "/api/outcomes").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.getForEntity(url("/api/outcomes"), String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get("lead", "/api/outcomes?from=2031-05-01&to=2031-04-01").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(get("lead", "/api/outcomes?from=April").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    /** Tasklist's submission of the reassessment form: the pain score typed as its form field (long). */
    private static String tasklistForm(String outcome, int painScore) {
        return "{\"variables\": {\"outcome\": {\"value\": \"" + outcome + "\"}, "
                + "\"painScore\": {\"value\": " + painScore + ", \"type\": \"Long\"}}}";
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
