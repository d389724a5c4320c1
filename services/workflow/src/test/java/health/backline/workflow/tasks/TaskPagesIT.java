package health.backline.workflow.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import health.backline.events.Pathway;
import health.backline.events.Priority;
import health.backline.events.intake.Complaint;
import health.backline.events.intake.Finding;
import health.backline.events.intake.Intake;
import health.backline.events.intake.Patient;
import health.backline.events.intake.Region;
import health.backline.events.intake.StartBackQuestions;
import health.backline.events.payload.ReferralRetriaged;
import health.backline.events.payload.ReferralSubmitted;
import health.backline.events.payload.ReferralTriaged;
import health.backline.events.payload.StartBackScoring;
import health.backline.workflow.ReassessmentsDue;
import health.backline.workflow.WorkflowServiceTest;
import health.backline.workflow.referral.ReferralFlow;
import health.backline.workflow.referral.ReferralProcess.Elements;
import health.backline.workflow.referral.ReferralProcess.Variables;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.UserRequestPostProcessor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

/**
 * The queue pages as clinicians, leads and schedulers use them: a signed-in session, a CSRF token
 * on every form, the same rules as the task API. The job executor is off: a deadline passes when a
 * test runs its timer.
 */
@WorkflowServiceTest
class TaskPagesIT {

    static final UserRequestPostProcessor CLINICIAN = user("clinician").roles("CLINICIAN");
    static final UserRequestPostProcessor LEAD = user("lead").roles("CLINICAL_LEAD");
    static final UserRequestPostProcessor SCHEDULER = user("scheduler").roles("SCHEDULER");
    static final UserRequestPostProcessor FRONT_DESK = user("frontdesk").roles("FRONT_DESK");
    static final UserRequestPostProcessor ADMIN = user("admin").roles("ADMIN");
    /** Reassessed four weeks later, in June 2032: a month no other test reassesses in. */
    static final Instant REASSESSMENT_FIRST_VISIT = Instant.parse("2032-05-10T10:00:00Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    ReferralFlow flow;

    @Autowired
    TaskService taskService;

    @Autowired
    RuntimeService runtime;

    @Autowired
    HistoryService history;

    @Autowired
    ManagementService management;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    ReassessmentsDue due;

    String referral;
    String task;

    @BeforeEach
    void cancerHistoryReferralAwaitingReview() {
        referral = UUID.randomUUID().toString();
        flow.submitted(ReferralSubmitted.of(referral, Instant.now().minusSeconds(5), new Intake(
                new Patient("PUB-005", "Helen", "Price", LocalDate.of(1957, 4, 20), null, null), null,
                new Complaint(Region.LUMBAR, 14, 5, null), List.of(Finding.CANCER_HISTORY), 0, null, null)));
        flow.triaged(new ReferralTriaged(referral, Pathway.URGENT_IMAGING, Pathway.URGENT_IMAGING.priority(),
                List.of("R11"), List.of("History of cancer with new spinal pain: possible spinal metastasis"), null));
        task = openTask(Elements.REVIEW_IMAGING_REFERRAL).getId();
        due = new ReassessmentsDue(context);
    }

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void a_clinician_sees_the_imaging_review_in_the_clinician_queue() throws Exception {
        mvc.perform(get("/tasks").with(CLINICIAN))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("Clinician queue"),
                        containsString("href=\"/tasks/" + task + "\""),
                        containsString("Review imaging referral"),
                        containsString(referral.substring(0, 8)),
                        containsString("Helen Price"),
                        containsString("class=\"badge URGENT_IMAGING\""),
                        containsString("action=\"/tasks/" + task + "/claim\""),
                        containsString("name=\"_csrf\""),
                        containsString("Sign out"),
                        not(containsString("Clinical lead: overdue")))));
    }

    @Test
    void a_lead_sees_the_clinician_queue_and_the_escalations_as_two_sections() throws Exception {
        mvc.perform(get("/tasks").with(LEAD))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"queue-clinician\""),
                        containsString("id=\"queue-clinical-lead\""), containsString(task))));
        mvc.perform(get("/tasks").param("queue", "clinical-lead").with(LEAD))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"queue-clinical-lead\""),
                        not(containsString("id=\"queue-clinician\"")))));
    }

    @Test
    void the_front_desk_and_admins_are_refused_the_queue_pages() throws Exception {
        mvc.perform(get("/tasks").with(FRONT_DESK)).andExpect(status().isForbidden()).andExpect(forwardedUrl("/login?denied"));
        mvc.perform(get("/tasks/" + task).with(ADMIN)).andExpect(status().isForbidden());
        mvc.perform(get("/tasks")).andExpect(status().isFound()).andExpect(redirectedUrlPattern("**/login"));
    }

    @Test
    void a_scheduler_works_only_the_scheduler_queue() throws Exception {
        mvc.perform(get("/tasks").with(SCHEDULER))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Scheduler: book by hand"), not(containsString(task)),
                        containsString("the <a href=\"http://localhost:8084/slot-issues\">slot-issue list</a>"))));
        mvc.perform(get("/tasks").param("queue", "clinician").with(SCHEDULER))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("Your role does not serve the Clinician queue")));
        mvc.perform(get("/tasks/" + task).with(SCHEDULER))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("Not your queue")));
    }

    @Test
    void the_review_page_shows_the_decisions_beside_the_referrals_facts() throws Exception {
        mvc.perform(get("/tasks/" + task).with(CLINICIAN))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("value=\"CONFIRM\""), containsString("value=\"ESCALATE_TO_ER\""),
                        containsString("value=\"STEP_DOWN_TO_PHYSICAL_THERAPY\""),
                        containsString("value=\"STEP_DOWN_TO_PRIMARY_CARE\""), containsString("value=\"RETURN_TO_REFERRER\""),
                        containsString("Return to the referrer with advice"), containsString("name=\"reason\""),
                        containsString("Confirm urgent imaging (within 48 h)"), containsString("(required unless you confirm)"),
                        containsString("maxlength=\"" + AnswerField.MAX_TEXT + "\""),
                        containsString("Helen Price"), containsString("MRN PUB-005"),
                        containsString(Finding.CANCER_HISTORY.reportedAs()), containsString("R11"),
                        containsString("possible spinal metastasis"), containsString("Lower back (lumbar), for 14 days, pain 5/10"),
                        containsString("Referral triaged"), containsString("Awaiting clinician review"))));
    }

    @Test
    void a_clinician_claims_and_confirms_the_review_through_the_pages() throws Exception {
        mvc.perform(post("/tasks/" + task + "/claim").with(CLINICIAN).with(csrf()))
                .andExpect(redirectedUrl("/tasks/" + task))
                .andExpect(flash().attribute("notice", containsString("You have claimed")));
        assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isEqualTo("clinician");
        mvc.perform(get("/tasks/" + task).with(CLINICIAN))
                .andExpect(content().string(containsString("You have claimed this task")));

        mvc.perform(post("/tasks/" + task + "/complete").param("decision", "CONFIRM").param("reason", "")
                        .with(CLINICIAN).with(csrf()))
                .andExpect(redirectedUrl("/tasks"))
                .andExpect(flash().attribute("notice", containsString("Done")));

        assertThat(taskService.createTaskQuery().taskId(task).count()).isZero();
        assertThat(history.createHistoricActivityInstanceQuery().activityId(Elements.REQUEST_APPOINTMENT)
                .processInstanceId(instance()).count()).isEqualTo(1);
        mvc.perform(get("/tasks").with(CLINICIAN)).andExpect(content().string(not(containsString(task))));
    }

    @Test
    void a_step_down_without_a_reason_shows_the_error_beside_the_field() throws Exception {
        mvc.perform(post("/tasks/" + task + "/complete").param("decision", "STEP_DOWN_TO_PHYSICAL_THERAPY")
                        .param("reason", "  ").with(CLINICIAN).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(
                        containsString("id=\"reason-error\""),
                        containsString("Reason is required unless the decision is CONFIRM"),
                        containsString("aria-invalid=\"true\""))));
        mvc.perform(post("/tasks/" + task + "/complete").with(CLINICIAN).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Decision is required: one of CONFIRM")));

        assertThat(taskService.createTaskQuery().taskId(task).count()).isEqualTo(1);
    }

    @Test
    void a_less_urgent_triage_change_is_reviewed_beside_what_triage_now_proposes_and_needs_a_reason() throws Exception {
        flow.retriaged(new ReferralRetriaged(referral, 1, Instant.now(), "Scan at another hospital: no metastasis",
                new ReferralTriaged(referral, Pathway.PHYSICAL_THERAPY, Priority.ROUTINE, List.of("R23"),
                        List.of("Recurrent episodes of non-specific back pain"), null)));
        String review = openTask(Elements.REVIEW_TRIAGE_CHANGE).getId();

        mvc.perform(get("/tasks/" + review).with(CLINICIAN))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Review a triage change"),
                        containsString("value=\"ACCEPT\""), containsString("value=\"KEEP_CURRENT\""),
                        containsString("Accept the new, less urgent pathway"), containsString("New findings suggest"),
                        containsString("R23"), containsString("Recurrent episodes of non-specific back pain"),
                        containsString("R11"))));
        mvc.perform(post("/tasks/" + review + "/complete").param("decision", "ACCEPT").param("reason", " ")
                        .with(CLINICIAN).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Reason is required")));
        mvc.perform(post("/tasks/" + review + "/complete").param("decision", "ACCEPT")
                        .param("reason", "Metastasis ruled out on the outside scan").with(CLINICIAN).with(csrf()))
                .andExpect(redirectedUrl("/tasks"));

        assertThat(runtime.getVariable(instance(), Variables.PATHWAY)).isEqualTo("PHYSICAL_THERAPY");
        assertThat(taskService.createTaskQuery().taskId(task).count()).as("the imaging review ended with its care").isZero();
    }

    @Test
    void nothing_is_completed_without_the_forms_csrf_token() throws Exception {
        mvc.perform(post("/tasks/" + task + "/complete").param("decision", "CONFIRM").with(CLINICIAN))
                .andExpect(status().isForbidden());
        assertThat(taskService.createTaskQuery().taskId(task).count()).isEqualTo(1);
    }

    @Test
    void a_task_claimed_by_someone_else_or_done_already_is_a_notice() throws Exception {
        mvc.perform(post("/tasks/" + task + "/claim").with(LEAD).with(csrf())).andExpect(redirectedUrl("/tasks/" + task));

        mvc.perform(post("/tasks/" + task + "/complete").param("decision", "CONFIRM").with(CLINICIAN).with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(content().string(containsString("is claimed by lead")));
        mvc.perform(post("/tasks/" + task + "/claim").with(CLINICIAN).with(csrf()))
                .andExpect(redirectedUrl("/tasks"))
                .andExpect(flash().attribute("error", containsString("Task already claimed")));

        mvc.perform(post("/tasks/" + task + "/complete").param("decision", "CONFIRM").with(LEAD).with(csrf()))
                .andExpect(redirectedUrl("/tasks"));
        mvc.perform(post("/tasks/" + task + "/complete").param("decision", "CONFIRM").with(LEAD).with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(content().string(containsString("This task is done already")));
    }

    @Test
    void an_overdue_review_is_highlighted_and_its_escalation_names_the_overdue_work() throws Exception {
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofHours(4)).plus(Duration.ofMinutes(42))));
        mvc.perform(get("/tasks").with(CLINICIAN))
                .andExpect(content().string(allOf(containsString("class=\"overdue\""), containsString("42 min overdue"))));

        management.executeJob(management.createJobQuery().processInstanceId(instance()).activityId(Elements.REVIEW_OVERDUE)
                .singleResult().getId());
        String escalation = openTask(Elements.RESOLVE_OVERDUE_TASK).getId();

        mvc.perform(get("/tasks").with(LEAD)).andExpect(content().string(containsString("href=\"/tasks/" + escalation + "\"")));
        mvc.perform(get("/tasks/" + escalation).with(LEAD))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Overdue:"),
                        containsString("<strong>Review imaging referral</strong>"), containsString("name=\"note\""))));
        mvc.perform(get("/tasks/" + escalation).with(CLINICIAN)).andExpect(status().isForbidden());
        mvc.perform(post("/tasks/" + escalation + "/complete").param("note", "Reviewed it myself").with(LEAD).with(csrf()))
                .andExpect(redirectedUrl("/tasks"));
        assertThat(taskService.createTaskQuery().taskId(escalation).count()).isZero();
    }

    @Test
    void the_reassessment_page_asks_the_pain_score_and_the_nine_start_back_items() throws Exception {
        String reassessment = due.task(Pathway.PHYSICAL_THERAPY, 8, REASSESSMENT_FIRST_VISIT);

        String page = mvc.perform(get("/tasks/" + reassessment).with(CLINICIAN))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("value=\"IMPROVING\"", "value=\"NOT_IMPROVING\"", "name=\"painScore\"",
                "At intake: 8/10", "name=\"note\"");
        assertThat(page.split("<select name=\"startBack\"", -1)).hasSize(StartBackScoring.ITEMS + 1);
        StartBackQuestions.STATEMENTS.forEach(statement -> assertThat(page).contains(HtmlUtils.htmlEscape(statement)));
        assertThat(page).contains(HtmlUtils.htmlEscape(StartBackQuestions.STATEMENT_9));
    }

    @Test
    void a_reassessment_posted_from_its_page_completes_the_task_and_is_recorded() throws Exception {
        String reassessment = due.task(Pathway.PHYSICAL_THERAPY, 8, REASSESSMENT_FIRST_VISIT);

        mvc.perform(post("/tasks/" + reassessment + "/complete").param("outcome", "IMPROVING").param("painScore", "4")
                        .param("startBack", "true", "false", "false", "true", "false", "true", "true", "false", "true")
                        .param("note", "").with(CLINICIAN).with(csrf()))
                .andExpect(redirectedUrl("/tasks"))
                .andExpect(flash().attribute("notice", containsString("Done")));

        assertThat(taskService.createTaskQuery().taskId(reassessment).count()).isZero();
        assertThat(jdbc.sql("""
                        SELECT intake_pain_score, pain_score, pain_change, outcome, computed_outcome, clinician,
                               start_back_answers, start_back_total, start_back_psychosocial, start_back_risk
                        FROM reassessment WHERE task_id = ?""").param(reassessment).query().singleRow())
                .containsAllEntriesOf(Map.of("intake_pain_score", 8, "pain_score", 4, "pain_change", -4,
                        "outcome", "IMPROVING", "computed_outcome", "IMPROVING", "clinician", "clinician",
                        "start_back_answers", "[true, false, false, true, false, true, true, false, true]",
                        "start_back_total", 5, "start_back_psychosocial", 3, "start_back_risk", "MEDIUM"));
    }

    @Test
    void a_bad_pain_score_or_an_outcome_against_the_pain_scores_without_a_note_is_shown_again() throws Exception {
        String reassessment = due.task(Pathway.PHYSICAL_THERAPY, 8, REASSESSMENT_FIRST_VISIT);

        mvc.perform(post("/tasks/" + reassessment + "/complete").param("outcome", "IMPROVING").param("painScore", "11")
                        .with(CLINICIAN).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("Pain score now must be a whole number from 0 to 10"),
                        containsString("value=\"11\""))));
        // Pain 8 → 7 is a fall of 12.5 %: "improving" is the clinician's call, with a note saying why.
        mvc.perform(post("/tasks/" + reassessment + "/complete").param("outcome", "IMPROVING").param("painScore", "7")
                        .param("note", " ").with(CLINICIAN).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(
                        containsString("Note is required: the pain scores (8 at intake, 7 now) say Not improving"),
                        containsString("id=\"outcome-IMPROVING\" checked=\"checked\""))));

        assertThat(taskService.createTaskQuery().taskId(reassessment).count()).isOne();
        assertThat(due.recorded(reassessment)).isZero();
    }

    private String instance() {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(referral).singleResult().getId();
    }

    private Task openTask(String key) {
        return taskService.createTaskQuery().processInstanceBusinessKey(referral).taskDefinitionKey(key).singleResult();
    }
}
