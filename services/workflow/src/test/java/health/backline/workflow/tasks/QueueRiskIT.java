package health.backline.workflow.tasks;

import static health.backline.workflow.PrometheusScrape.scrape;
import static health.backline.workflow.PrometheusScrape.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.events.Pathway;
import health.backline.events.intake.Complaint;
import health.backline.events.intake.Intake;
import health.backline.events.intake.Patient;
import health.backline.events.intake.Region;
import health.backline.events.payload.ReferralSubmitted;
import health.backline.events.payload.ReferralTriaged;
import health.backline.testsupport.ClasspathText;
import health.backline.workflow.WorkflowServiceTest;
import health.backline.workflow.referral.ReferralFlow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Deadline warnings per queue (ADR 22) on the real stack, by moving the engine's clock: an imaging review due in
 * four hours, with nothing completed in the hour before, is on track, then at risk once its due is within the
 * two-hour warning horizon, then overdue; done, the queue is on track again. The API, the Prometheus scrape and the
 * dashboard say the same.
 */
@WorkflowServiceTest
class QueueRiskIT {

    @Autowired
    TestRestTemplate http;

    @Autowired
    MockMvc mvc;

    @Autowired
    ReferralFlow flow;

    @Autowired
    RuntimeService runtime;

    @Autowired
    TaskService tasks;

    @Autowired
    ObjectMapper json;

    @BeforeEach
    void noWorkLeftByOtherTests() {
        // The context is shared: end the referrals other classes left waiting in a queue, as ended, not completed.
        List<String> waiting = tasks.createTaskQuery().active().list().stream().map(Task::getProcessInstanceId)
                .distinct().toList();
        if (!waiting.isEmpty()) {
            runtime.deleteProcessInstances(waiting, "Left by another test", true, true);
        }
    }

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void a_review_nobody_gets_to_is_at_risk_before_it_is_overdue_and_on_track_once_done() throws Exception {
        Instant due = imagingReviewWaiting().getDueDate().toInstant();
        assertThat(clinicianQueue("lead").get("status").asText()).isEqualTo("ON_TRACK");

        // 90 minutes before its due, inside the two-hour horizon; nothing was completed in the hour before.
        moveClockTo(due.minus(Duration.ofMinutes(90)));
        JsonNode atRisk = clinicianQueue("admin");
        assertThat(atRisk.get("completionsLastHour").asLong()).isZero();
        assertThat(atRisk.get("openTasks").asLong()).isEqualTo(1);
        assertThat(atRisk.get("status").asText()).isEqualTo("AT_RISK");
        assertThat(atRisk.get("atRisk").asBoolean()).isTrue();
        assertThat(atRisk.get("overdue").asLong()).isZero();
        assertThat(atRisk.get("projectedBreachIn").asText()).isEqualTo("PT1H30M");
        assertThat(Instant.parse(atRisk.get("nextDue").asText())).isEqualTo(due);
        String scrape = scrape(http);
        assertThat(value(scrape, "backline_tasks_at_risk{queue=\"clinician\"}")).isEqualTo(1);
        assertThat(value(scrape, "backline_tasks_projected_breach_seconds{queue=\"clinician\"}")).isEqualTo(5400);
        assertThat(value(scrape, "backline_tasks_at_risk{queue=\"scheduler\"}")).isZero();
        mvc.perform(get("/dashboard/figures").with(user("admin").roles("ADMIN")))
                .andExpect(content().string(allOf(containsString("data-status=\"AT_RISK\""), containsString("At risk"),
                        containsString("in 1 h 30 min"), containsString("within <span>2 h</span>"))));

        // Five minutes past its due: overdue, no longer merely at risk.
        moveClockTo(due.plus(Duration.ofMinutes(5)));
        JsonNode overdue = clinicianQueue("admin");
        assertThat(overdue.get("status").asText()).isEqualTo("OVERDUE");
        assertThat(overdue.get("atRisk").asBoolean()).isFalse();
        assertThat(overdue.get("overdue").asLong()).isEqualTo(1);
        assertThat(overdue.get("projectedBreachIn").isNull()).isTrue();
        scrape = scrape(http);
        assertThat(value(scrape, "backline_tasks_at_risk{queue=\"clinician\"}")).isZero();
        assertThat(value(scrape, "backline_tasks_overdue{queue=\"clinician\"}")).isEqualTo(1);
        assertThat(value(scrape, "backline_tasks_projected_breach_seconds{queue=\"clinician\"}")).isNaN();
        mvc.perform(get("/dashboard/figures").with(user("admin").roles("ADMIN")))
                .andExpect(content().string(containsString("data-status=\"OVERDUE\"")));

        // Back to the real time: due in four hours again.
        ClockUtil.reset();
        assertThat(clinicianQueue("admin").get("status").asText()).isEqualTo("ON_TRACK");
        assertThat(value(scrape(http), "backline_tasks_overdue{queue=\"clinician\"}")).isZero();
    }

    @Test
    void a_completed_review_counts_as_done_and_the_queue_is_on_track() throws Exception {
        Task review = imagingReviewWaiting();
        // Half an hour before its due (an hour later than the other test's moment, so neither sees the other's work).
        moveClockTo(review.getDueDate().toInstant().minus(Duration.ofMinutes(30)));
        JsonNode before = clinicianQueue("lead");
        assertThat(before.get("status").asText()).isEqualTo("AT_RISK");
        assertThat(value(scrape(http), "backline_tasks_at_risk{queue=\"clinician\"}")).isEqualTo(1);

        assertThat(complete(review.getId()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        JsonNode done = clinicianQueue("lead");
        assertThat(done.get("openTasks").asLong()).isZero();
        assertThat(done.get("completionsLastHour").asLong()).isEqualTo(before.get("completionsLastHour").asLong() + 1);
        assertThat(done.get("status").asText()).isEqualTo("ON_TRACK");
        assertThat(done.get("nextDue").isNull()).isTrue();
        // The gauges reuse a reading for a few seconds while the clock runs on as usual (here it stands still).
        await().atMost(Duration.ofSeconds(15))
                .until(() -> value(scrape(http), "backline_tasks_at_risk{queue=\"clinician\"}") == 0);
        assertThat(value(scrape(http), "backline_tasks_completions_last_hour{queue=\"clinician\"}"))
                .isEqualTo(done.get("completionsLastHour").asDouble());
    }

    @Test
    void the_queues_are_for_the_clinical_lead_and_admins() {
        assertThat(queues("lead").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(queues("admin").getBody()).hasSize(3);
        assertThat(queues("clinician").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(queues("scheduler").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(queues("frontdesk").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.getForEntity("/api/queues", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void the_documented_answer_has_exactly_the_fields_and_values_of_the_queues() throws Exception {
        JsonNode example = json.readTree(ClasspathText.of(QueueApiDocs.QUEUES));

        // Written as the API writes it, read as a client reads it (counts are longs; as text they are plain numbers).
        JsonNode readAndWrittenAgain = json.readTree(json.writeValueAsString(json.readValue(example.toString(), QueueRisk[].class)));

        assertThat(readAndWrittenAgain).isEqualTo(example);
    }

    /** An urgent imaging referral waiting for its review in the clinician queue. */
    private Task imagingReviewWaiting() {
        String referral = UUID.randomUUID().toString();
        flow.submitted(ReferralSubmitted.of(referral, Instant.now(), new Intake(
                new Patient("MRN-14", "Florence", "Nightingale", LocalDate.of(1948, 5, 12), null, null), null,
                new Complaint(Region.LUMBAR, 4, 6, null), List.of(), 0, null, null)));
        flow.triaged(new ReferralTriaged(referral, Pathway.URGENT_IMAGING, Pathway.URGENT_IMAGING.priority(),
                List.of("R13"), List.of("Red flag"), null));
        return tasks.createTaskQuery().processInstanceBusinessKey(referral).singleResult();
    }

    private static void moveClockTo(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    private JsonNode clinicianQueue(String user) {
        ResponseEntity<JsonNode> answer = queues(user);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return StreamSupport.stream(answer.getBody().spliterator(), false)
                .filter(queue -> queue.get("queue").asText().equals("clinician")).findFirst().orElseThrow();
    }

    private ResponseEntity<JsonNode> queues(String user) {
        return http.withBasicAuth(user, user).getForEntity("/api/queues", JsonNode.class);
    }

    private ResponseEntity<String> complete(String taskId) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth("clinician", "clinician").exchange("/api/tasks/" + taskId + "/complete", HttpMethod.POST,
                new HttpEntity<>("{\"decision\": \"CONFIRM\"}", headers), String.class);
    }
}
