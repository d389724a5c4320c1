package health.backline.workflow.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.backline.events.Pathway;
import health.backline.events.intake.Complaint;
import health.backline.events.intake.Intake;
import health.backline.events.intake.Patient;
import health.backline.events.intake.Region;
import health.backline.events.payload.ReferralSubmitted;
import health.backline.events.payload.ReferralTriaged;
import health.backline.workflow.WorkflowServiceTest;
import health.backline.workflow.referral.ReferralFlow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
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
import org.springframework.util.LinkedMultiValueMap;

/** The task API, Camunda REST and the Camunda webapps' logins, over HTTP with the contract's users. */
@WorkflowServiceTest
class TaskApiIT {

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    ReferralFlow flow;

    String referral;

    @BeforeEach
    void imagingReferralAwaitingReview() {
        referral = UUID.randomUUID().toString();
        flow.submitted(ReferralSubmitted.of(referral, Instant.now(), new Intake(
                new Patient("MRN-7", "Edith", "Clarke", LocalDate.of(1950, 2, 10), null, null), null,
                new Complaint(Region.LUMBAR, 4, 6, null), List.of(), 0, null, null)));
        flow.triaged(new ReferralTriaged(referral, Pathway.URGENT_IMAGING, Pathway.URGENT_IMAGING.priority(),
                List.of("R13", "R14"), List.of("a", "b"), null));
    }

    @Test
    void a_clinician_sees_the_imaging_review_in_the_clinician_queue() {
        JsonNode task = reviewTask("clinician");

        assertThat(task.get("key").asText()).isEqualTo("ReviewImagingReferral");
        assertThat(task.get("name").asText()).isEqualTo("Review imaging referral");
        assertThat(task.get("pathway").asText()).isEqualTo("URGENT_IMAGING");
        assertThat(task.get("priority").asText()).isEqualTo("urgent");
        assertThat(task.get("queue").asText()).isEqualTo("clinician");
        assertThat(task.get("due").asText()).isNotBlank();
        assertThat(task.get("assignee").isNull()).isTrue();
        assertThat(get("lead", "/api/tasks?queue=clinician&referralId=" + referral).getBody()).hasSize(1);
    }

    @Test
    void each_role_sees_only_the_queues_it_serves() {
        assertThat(get("frontdesk", "/api/tasks").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("scheduler", "/api/tasks?queue=clinician").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("clinician", "/api/tasks?queue=clinical-lead").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("admin", "/api/tasks?queue=clinician&referralId=" + referral).getBody()).hasSize(1);
        assertThat(get("clinician", "/api/tasks?queue=surgery").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(http.getForEntity(url("/api/tasks"), String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void a_step_down_without_a_reason_is_refused_field_by_field() {
        String id = reviewTask("clinician").get("id").asText();

        ResponseEntity<JsonNode> refused = post("clinician", "/api/tasks/" + id + "/complete",
                "{\"decision\": \"STEP_DOWN_TO_PHYSICAL_THERAPY\", \"urgency\": 3}");

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("errors").findValuesAsText("pointer")).containsExactlyInAnyOrder("/reason", "/urgency");
        ResponseEntity<JsonNode> noDecision = post("clinician", "/api/tasks/" + id + "/complete", "{}");
        assertThat(noDecision.getBody().get("errors").findValuesAsText("pointer")).contains("/decision");
    }

    @Test
    void a_return_to_the_referrer_needs_a_reason_and_is_done_once() {
        String id = reviewTask("clinician").get("id").asText();

        ResponseEntity<JsonNode> refused = post("clinician", "/api/tasks/" + id + "/complete",
                "{\"decision\": \"RETURN_TO_REFERRER\", \"reason\": \"  \"}");
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(refused.getBody().get("errors").findValuesAsText("pointer")).containsExactly("/reason");
        assertThat(reviewTask("clinician").get("assignee").isNull()).as("nothing changed, not even a claim").isTrue();
        assertThat(get("admin", "/api/audit?referralId=" + referral).getBody().findValuesAsText("action"))
                .doesNotContain("TASK_COMPLETED");

        String returned = "{\"decision\": \"RETURN_TO_REFERRER\", \"reason\": \"No red flags: physiotherapy first.\"}";
        assertThat(post("clinician", "/api/tasks/" + id + "/complete", returned).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(get("clinician", "/api/tasks?queue=clinician&referralId=" + referral).getBody()).isEmpty();
        assertThat(get("admin", "/api/audit?referralId=" + referral).getBody()).filteredOn(entry ->
                        entry.get("action").asText().equals("TASK_COMPLETED")).extracting(entry -> entry.get("detail").asText())
                .containsExactly("ReviewImagingReferral: decision=RETURN_TO_REFERRER, reason=No red flags: physiotherapy first.");
        assertThat(post("clinician", "/api/tasks/" + id + "/complete", returned).getStatusCode())
                .as("a retry").isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void a_claimed_task_is_completed_once_by_its_claimant() {
        String id = reviewTask("clinician").get("id").asText();

        ResponseEntity<JsonNode> claimed = post("clinician", "/api/tasks/" + id + "/claim", null);
        assertThat(claimed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(claimed.getBody().get("assignee").asText()).isEqualTo("clinician");
        assertThat(post("lead", "/api/tasks/" + id + "/complete", "{\"decision\": \"CONFIRM\"}").getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(post("scheduler", "/api/tasks/" + id + "/complete", "{\"decision\": \"CONFIRM\"}").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);

        assertThat(post("clinician", "/api/tasks/" + id + "/complete", "{\"decision\": \"CONFIRM\"}").getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        JsonNode decision = get("admin", "/api/audit?referralId=" + referral).getBody().get(0);
        assertThat(decision.get("actor").asText()).isEqualTo("clinician");
        assertThat(decision.get("action").asText()).isEqualTo("TASK_COMPLETED");
        assertThat(decision.get("detail").asText()).contains("ReviewImagingReferral", "decision=CONFIRM");
        assertThat(post("clinician", "/api/tasks/" + id + "/complete", "{\"decision\": \"CONFIRM\"}").getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(post("clinician", "/api/tasks/" + UUID.randomUUID() + "/complete", "{}").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void camunda_rest_is_for_admins_and_runs_a_timer_job_at_once() {
        String instance = http.withBasicAuth("admin", "admin").getForEntity(
                url("/engine-rest/process-instance?businessKey=" + referral), JsonNode.class).getBody().get(0).get("id").asText();
        ResponseEntity<JsonNode> jobs = http.withBasicAuth("admin", "admin").getForEntity(
                url("/engine-rest/job?processInstanceId=" + instance + "&timers=true"), JsonNode.class);
        assertThat(jobs.getStatusCode()).isEqualTo(HttpStatus.OK);
        String reviewDeadline = jobs.getBody().get(0).get("id").asText();
        assertThat(http.withBasicAuth("clinician", "clinician").getForEntity(url("/engine-rest/job"), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<String> executed = http.withBasicAuth("admin", "admin").exchange(
                url("/engine-rest/job/" + reviewDeadline + "/execute"), HttpMethod.POST, null, String.class);

        assertThat(executed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(get("lead", "/api/tasks?queue=clinical-lead&referralId=" + referral).getBody()
                .findValuesAsText("key")).containsExactly("ResolveOverdueTask");
    }

    @Test
    void the_camunda_webapps_accept_the_contracts_users() {
        ResponseEntity<String> tasklist = webappLogin("tasklist", "clinician");
        assertThat(tasklist.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(tasklist.getBody()).contains("\"userId\":\"clinician\"", "tasklist").doesNotContain("cockpit");
        assertThat(webappLogin("cockpit", "admin").getBody()).contains("\"userId\":\"admin\"", "cockpit");
        assertThat(webappLogin("cockpit", "clinician").getStatusCode()).isIn(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN);
    }

    /** As the webapps' login page does: fetch the page for its XSRF cookie, then post the form with the token. */
    private ResponseEntity<String> webappLogin(String app, String user) {
        List<String> cookies = http.getForEntity(url("/camunda/app/" + app + "/default/"), String.class)
                .getHeaders().get(HttpHeaders.SET_COOKIE);
        String cookie = String.join("; ", cookies.stream().map(c -> c.split(";", 2)[0]).toList());
        String token = cookies.stream().filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow()
                .split(";", 2)[0].substring("XSRF-TOKEN=".length());
        var form = new LinkedMultiValueMap<String, String>();
        form.add("username", user);
        form.add("password", user);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.add(HttpHeaders.COOKIE, cookie);
        headers.add("X-XSRF-TOKEN", token);
        return http.postForEntity(url("/camunda/api/admin/auth/user/default/login/" + app),
                new HttpEntity<>(form, headers), String.class);
    }

    private JsonNode reviewTask(String user) {
        JsonNode tasks = get(user, "/api/tasks?queue=clinician&referralId=" + referral).getBody();
        assertThat(tasks).hasSize(1);
        return tasks.get(0);
    }

    private ResponseEntity<JsonNode> get(String user, String path) {
        return http.withBasicAuth(user, user).getForEntity(url(path), JsonNode.class);
    }

    private ResponseEntity<JsonNode> post(String user, String path, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, user).exchange(url(path), HttpMethod.POST, new HttpEntity<>(json, headers),
                JsonNode.class);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
