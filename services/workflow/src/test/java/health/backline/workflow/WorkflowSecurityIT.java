package health.backline.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
import health.backline.workflow.booking.BookingOutcomes;
import health.backline.workflow.referral.ReferralFlow;
import health.backline.workflow.referral.ReferralProcess.Elements;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
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
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 10's findings 1 to 5 for the workflow service, on the real stack: Tasklist and Cockpit signed in as people
 * do, Camunda REST with HTTP Basic, the task API and the queue pages, over real PostgreSQL and Kafka. Each test is
 * named after its finding. The job executor is off: a test runs a timer when it needs one.
 */
@WorkflowServiceTest
class WorkflowSecurityIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    MockMvc mvc;

    @Autowired
    ReferralFlow flow;

    @Autowired
    BookingOutcomes bookings;

    @Autowired
    TaskService taskService;

    @Autowired
    RuntimeService runtime;

    @Autowired
    HistoryService history;

    @Autowired
    ManagementService management;

    @Autowired
    IdentityService identity;

    @Autowired
    AuthorizationService authorizations;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    String referral;
    String instance;
    String task;

    @BeforeEach
    void imagingReferralAwaitingReview() {
        referral = UUID.randomUUID().toString();
        flow.submitted(ReferralSubmitted.of(referral, Instant.now(), new Intake(
                new Patient("MRN-77", "Edith", "Clarke", LocalDate.of(1950, 2, 10), null, null), null,
                new Complaint(Region.LUMBAR, 4, 6, null), List.of(), 0, null, null)));
        flow.triaged(new ReferralTriaged(referral, Pathway.URGENT_IMAGING, Pathway.URGENT_IMAGING.priority(),
                List.of("R13", "R14"), List.of("a", "b"), null));
        instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(referral).singleResult().getId();
        task = openTask(Elements.REVIEW_IMAGING_REFERRAL).getId();
    }

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    // Finding 1: only the answers a task kind defines, written only by the one who works the task

    @Test
    void finding1_tasklist_writes_only_the_answers_a_task_defines() throws Exception {
        CamundaWebapp tasklist = CamundaWebapp.signIn(port, "tasklist", "clinician");
        assertThat(tasklist.post("/task/" + task + "/claim", "{\"userId\": \"clinician\"}").statusCode()).isEqualTo(204);

        HttpResponse<String> tampered = tasklist.post("/task/" + task + "/submit-form", """
                {"variables": {"decision": {"value": "CONFIRM"}, "pathway": {"value": "PHYSICAL_THERAPY"},
                               "patientFamilyName": {"value": "Tampered"}}}""");
        assertThat(tampered.statusCode()).as(tampered.body()).isEqualTo(400);
        assertThat(tampered.body()).contains("pathway", "patientFamilyName");
        nothingChanged();

        // Completing with variables writes them to the process, not the task: refused whatever their names.
        for (String variables : List.of(
                "{\"decision\": {\"value\": \"CONFIRM\"}, \"pathway\": {\"value\": \"PHYSICAL_THERAPY\"}}",
                "{\"decision\": {\"value\": \"CONFIRM\"}}",
                "{\"slotId\": {\"value\": \"" + UUID.randomUUID() + "\", \"valueInfo\": {\"transient\": true}}}")) {
            HttpResponse<String> completed = tasklist.post("/task/" + task + "/complete", "{\"variables\": " + variables + "}");
            assertThat(completed.statusCode()).as(completed.body()).isEqualTo(403);
            nothingChanged();
        }
        // Task variables themselves: Camunda's authorizations give the queue READ and TASK_WORK only.
        assertThat(tasklist.put("/task/" + task + "/variables/pathway", "{\"value\": \"PHYSICAL_THERAPY\"}").statusCode())
                .isEqualTo(403);
        assertThat(tasklist.put("/task/" + task + "/localVariables/decision", "{\"value\": \"CONFIRM\"}").statusCode())
                .isEqualTo(403);
        nothingChanged();

        HttpResponse<String> answered = tasklist.post("/task/" + task + "/submit-form",
                "{\"variables\": {\"decision\": {\"value\": \"CONFIRM\"}}}");
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(204);
        assertThat(taskService.createTaskQuery().taskId(task).count()).isZero();
        assertThat(processVariable("pathway")).isEqualTo("URGENT_IMAGING");
        assertThat(processVariable("patientName")).isEqualTo("Edith Clarke");
        assertThat(decisions()).singleElement().satisfies(decision -> {
            assertThat(decision.get("actor").asText()).isEqualTo("clinician");
            assertThat(decision.get("detail").asText()).isEqualTo("ReviewImagingReferral: decision=CONFIRM");
        });
    }

    @Test
    void finding1_nobody_reassigns_a_task_or_completes_a_colleagues() throws Exception {
        CamundaWebapp clinician = CamundaWebapp.signIn(port, "tasklist", "clinician");
        assertThat(clinician.post("/task/" + task + "/claim", "{\"userId\": \"lead\"}").statusCode()).isEqualTo(403);
        assertThat(clinician.post("/task/" + task + "/assignee", "{\"userId\": \"lead\"}").statusCode()).isEqualTo(403);
        assertThat(clinician.post("/task/" + task + "/delegate", "{\"userId\": \"lead\"}").statusCode()).isEqualTo(403);
        assertThat(openTask(Elements.REVIEW_IMAGING_REFERRAL).getAssignee()).isNull();

        assertThat(api("lead", HttpMethod.POST, "/api/tasks/" + task + "/claim", null).getStatusCode()).isEqualTo(HttpStatus.OK);
        HttpResponse<String> colleagues = clinician.post("/task/" + task + "/submit-form",
                "{\"variables\": {\"decision\": {\"value\": \"CONFIRM\"}}}");
        assertThat(colleagues.statusCode()).as(colleagues.body()).isEqualTo(403);
        assertThat(clinician.post("/task/" + task + "/unclaim", "").statusCode()).isEqualTo(403);
        assertThat(clinician.post("/task/" + task + "/claim", "{\"userId\": \"clinician\"}").statusCode()).isIn(403, 409, 500);
        assertThat(api("clinician", HttpMethod.POST, "/api/tasks/" + task + "/complete", "{\"decision\": \"CONFIRM\"}")
                .getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(openTask(Elements.REVIEW_IMAGING_REFERRAL).getAssignee()).isEqualTo("lead");
        nothingChanged();
    }

    // Finding 2: the audit names who is signed in; admins read Camunda REST but do not work tasks there

    @Test
    void finding2_the_audit_names_the_signed_in_user_and_admins_only_read_camunda_rest() throws Exception {
        // An assignee set by someone else is no licence: only the assignee completes, and the audit names who did.
        taskService.setAssignee(task, "lead");
        CamundaWebapp clinician = CamundaWebapp.signIn(port, "tasklist", "clinician");
        assertThat(clinician.post("/task/" + task + "/submit-form",
                "{\"variables\": {\"decision\": {\"value\": \"CONFIRM\"}}}").statusCode()).isEqualTo(403);

        // Admins: Camunda REST and the webapps read, never work a task or write a variable.
        assertThat(rest(HttpMethod.POST, "/engine-rest/task/" + task + "/complete", "{}").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest(HttpMethod.POST, "/engine-rest/task/" + task + "/submit-form",
                "{\"variables\": {\"decision\": {\"value\": \"CONFIRM\"}}}").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest(HttpMethod.PUT, "/engine-rest/process-instance/" + instance + "/variables/pathway",
                "{\"value\": \"PHYSICAL_THERAPY\"}").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest(HttpMethod.POST, "/engine-rest/process-instance/" + instance + "/variables",
                "{\"modifications\": {\"patientName\": {\"value\": \"Tampered\"}}}").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest(HttpMethod.PUT, "/engine-rest/task/" + task + "/assignee", "{\"userId\": \"admin\"}").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        CamundaWebapp admin = CamundaWebapp.signIn(port, "tasklist", "admin");
        assertThat(admin.post("/task/" + task + "/submit-form",
                "{\"variables\": {\"decision\": {\"value\": \"CONFIRM\"}}}").statusCode()).isEqualTo(403);
        assertThat(admin.post("/task/" + task + "/complete", "{}").statusCode()).isEqualTo(403);
        nothingChanged();
        // ... and read: the task queries sent as POST, a count, the variables (audited: finding 4).
        assertThat(rest(HttpMethod.POST, "/engine-rest/task", "{\"processInstanceId\": \"" + instance + "\"}")
                .getBody()).hasSize(1);
        assertThat(rest(HttpMethod.POST, "/engine-rest/task/count", "{\"processInstanceId\": \"" + instance + "\"}")
                .getBody().get("count").asInt()).isEqualTo(1);
        assertThat(rest(HttpMethod.GET, "/engine-rest/process-instance/" + instance + "/variables", null)
                .getBody().get("patientName").get("value").asText()).isEqualTo("Edith Clarke");

        // The assignee completes, signed in to Tasklist: the audit names them.
        CamundaWebapp lead = CamundaWebapp.signIn(port, "tasklist", "lead");
        assertThat(lead.post("/task/" + task + "/submit-form",
                "{\"variables\": {\"decision\": {\"value\": \"CONFIRM\"}}}").statusCode()).isEqualTo(204);
        assertThat(decisions()).singleElement().satisfies(decision ->
                assertThat(decision.get("actor").asText()).isEqualTo("lead"));
    }

    // Finding 3: Camunda's users, groups, memberships and passwords follow the configuration exactly

    @Test
    void finding3_camunda_users_follow_the_configuration_at_each_start() throws Exception {
        User former = identity.newUser("former-clinician");
        former.setPassword("former-password");
        identity.saveUser(former);
        identity.createMembership("former-clinician", "clinician");
        Group old = identity.newGroup("radiology");
        identity.saveGroup(old);
        identity.createMembership("former-clinician", "radiology");
        identity.createMembership("clinician", "scheduler");
        identity.createMembership("clinician", "radiology");
        User clinician = identity.createUserQuery().userId("clinician").singleResult();
        clinician.setPassword("changed-in-camunda-admin");
        identity.saveUser(clinician);
        Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setUserId("former-clinician");
        grant.setResource(Resources.PROCESS_INSTANCE);
        grant.setResourceId("*");
        grant.addPermission(Permissions.ALL);
        authorizations.saveAuthorization(grant);
        // What Camunda granted a queue on its tasks before: UPDATE (any variable, reassigning).
        Authorization oldTaskGrant = authorizations.createAuthorizationQuery().groupIdIn("clinician")
                .resourceType(Resources.TASK).resourceId(task).singleResult();
        oldTaskGrant.removePermission(TaskPermissions.TASK_WORK);
        oldTaskGrant.addPermission(Permissions.UPDATE);
        authorizations.saveAuthorization(oldTaskGrant);
        assertThat(CamundaWebapp.open(port, "tasklist").login("former-clinician", "former-password").statusCode())
                .isEqualTo(200);

        try {
            // What runs at each start:
            context.getBean("camundaUsers", ApplicationRunner.class).run(null);
            configurationFollowedExactly();
        } finally {
            context.getBean("camundaUsers", ApplicationRunner.class).run(null);
        }
    }

    private void configurationFollowedExactly() throws Exception {

        assertThat(identity.createUserQuery().list()).extracting(User::getId)
                .containsExactlyInAnyOrder("frontdesk", "clinician", "lead", "scheduler", "admin");
        assertThat(identity.createGroupQuery().list()).extracting(Group::getId)
                .containsExactlyInAnyOrder("front-desk", "clinician", "clinical-lead", "scheduler", "camunda-admin");
        assertThat(groupsOf("clinician")).containsExactly("clinician");
        assertThat(groupsOf("lead")).containsExactlyInAnyOrder("clinician", "clinical-lead");
        assertThat(groupsOf("admin")).containsExactly("camunda-admin");
        assertThat(groupsOf("frontdesk")).containsExactly("front-desk");
        assertThat(authorizations.createAuthorizationQuery().userIdIn("former-clinician").count()).isZero();
        // The configured password again (one password per user: the one set in Camunda Admin is gone). Checked
        // right only: a wrong one would lock the user for seconds (Camunda's login throttling).
        assertThat(identity.checkPassword("clinician", "clinician")).isTrue();
        assertThat(identity.checkPassword("former-clinician", "former-password")).isFalse();
        assertThat(CamundaWebapp.open(port, "tasklist").login("former-clinician", "former-password").statusCode())
                .isEqualTo(401);
        Authorization downgraded = authorizations.createAuthorizationQuery().groupIdIn("clinician")
                .resourceType(Resources.TASK).resourceId(task).list().get(0);
        assertThat(downgraded.isPermissionGranted(Permissions.UPDATE)).isFalse();
        assertThat(downgraded.isPermissionGranted(TaskPermissions.TASK_WORK)).isTrue();
        assertThat(downgraded.isPermissionGranted(Permissions.READ)).isTrue();
    }

    // Finding 4: every read of patient data leaves one audit entry

    @Test
    void finding4_every_read_of_patient_data_in_the_workflow_service_is_audited() throws Exception {
        assertReadAudited("clinician", "GET /api/tasks", () ->
                assertThat(api("clinician", HttpMethod.GET, "/api/tasks?queue=clinician&referralId=" + referral, null)
                        .getStatusCode()).isEqualTo(HttpStatus.OK));
        assertReadAudited("clinician", "GET /tasks", () ->
                mvc.perform(get("/tasks").with(user("clinician").roles("CLINICIAN"))).andExpect(status().isOk()));
        assertReadAudited("lead", "GET /tasks/sections", () ->
                mvc.perform(get("/tasks/sections").with(user("lead").roles("CLINICAL_LEAD"))).andExpect(status().isOk()));
        assertReadAudited("clinician", "GET /tasks/{id}", () ->
                mvc.perform(get("/tasks/" + task).with(user("clinician").roles("CLINICIAN"))).andExpect(status().isOk()));

        CamundaWebapp tasklist = CamundaWebapp.signIn(port, "tasklist", "clinician");
        assertReadAudited("clinician", "Tasklist", () ->
                assertThat(tasklist.get("/task/" + task + "/form-variables").body()).contains("decision"));
        assertReadAudited("clinician", "Tasklist", () ->
                assertThat(tasklist.get("/task/" + task + "/variables").body()).contains("Edith Clarke"));
        CamundaWebapp cockpit = CamundaWebapp.signIn(port, "cockpit", "admin");
        assertReadAudited("admin", "Cockpit", () -> assertThat(cockpit.post("/variable-instance",
                "{\"processInstanceIdIn\": [\"" + instance + "\"]}").body()).contains("Edith Clarke"));

        assertReadAudited("admin", "Camunda REST", () -> assertThat(rest(HttpMethod.GET,
                "/engine-rest/process-instance/" + instance + "/variables", null).getStatusCode()).isEqualTo(HttpStatus.OK));
        assertReadAudited("admin", "Camunda REST", () -> assertThat(rest(HttpMethod.GET,
                "/engine-rest/variable-instance?processInstanceIdIn=" + instance, null).getBody().toString())
                .contains("MRN-77"));
        assertReadAudited("admin", "Camunda REST", () -> assertThat(rest(HttpMethod.POST,
                "/engine-rest/history/variable-instance", "{\"processInstanceId\": \"" + instance + "\"}").getBody()
                .toString()).contains("MRN-77"));
        assertReadAudited("admin", "Camunda REST", () -> assertThat(rest(HttpMethod.GET,
                "/engine-rest/task/" + task + "/form-variables", null).getStatusCode()).isEqualTo(HttpStatus.OK));

        // Who read this referral, whatever the channel: the audit API finds every one of them.
        assertThat(getJson("admin", "/api/audit?referralId=" + referral + "&limit=50").findValuesAsText("action"))
                .filteredOn("PATIENT_DATA_READ"::equals).hasSizeGreaterThanOrEqualTo(11);
    }

    // Finding 5: answers are the task's own; a second round starts empty

    @Test
    void finding5_a_second_imaging_review_does_not_inherit_the_first_ones_answers() throws Exception {
        assertThat(api("clinician", HttpMethod.POST, "/api/tasks/" + task + "/complete",
                "{\"decision\": \"STEP_DOWN_TO_PHYSICAL_THERAPY\", \"reason\": \"Round one: old stable fracture\"}")
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        Instant firstVisit = Instant.now().plus(Duration.ofDays(2));
        bookings.booked(new AppointmentBooked(referral, Pathway.PHYSICAL_THERAPY, firstVisit,
                firstVisit.plus(Duration.ofMinutes(30)), "Physiotherapy clinic", "PT-1"));
        ClockUtil.setCurrentTime(Date.from(firstVisit.plus(Duration.ofDays(28)).plusSeconds(1)));
        management.executeJob(management.createJobQuery().processInstanceId(instance).timers().executable()
                .singleResult().getId());
        String reassessment = openTask(Elements.REASSESS_PROGRESS).getId();
        assertThat(api("clinician", HttpMethod.POST, "/api/tasks/" + reassessment + "/complete",
                "{\"outcome\": \"NOT_IMPROVING\"}").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        String secondReview = openTask(Elements.REVIEW_IMAGING_REFERRAL).getId();
        assertThat(processVariable("decision")).isEqualTo("STEP_DOWN_TO_PHYSICAL_THERAPY"); // the flow's copy

        CamundaWebapp tasklist = CamundaWebapp.signIn(port, "tasklist", "clinician");
        assertThat(tasklist.get("/task/" + secondReview + "/form-variables").body())
                .doesNotContain("STEP_DOWN_TO_PHYSICAL_THERAPY", "Round one");
        assertThat(tasklist.post("/task/" + secondReview + "/claim", "{\"userId\": \"clinician\"}").statusCode())
                .isEqualTo(204);
        HttpResponse<String> empty = tasklist.post("/task/" + secondReview + "/submit-form", "{\"variables\": {}}");
        assertThat(empty.statusCode()).as(empty.body()).isEqualTo(400);
        assertThat(empty.body()).contains("decision");
        assertThat(tasklist.post("/task/" + secondReview + "/submit-form",
                "{\"variables\": {\"decision\": {\"value\": \"CONFIRM\"}}}").statusCode()).isEqualTo(204);

        List<JsonNode> decisions = decisions();
        assertThat(decisions).extracting(d -> d.get("detail").asText()).containsExactly(
                "ReviewImagingReferral: decision=CONFIRM",
                "ReassessProgress: outcome=NOT_IMPROVING",
                "ReviewImagingReferral: decision=STEP_DOWN_TO_PHYSICAL_THERAPY, reason=Round one: old stable fracture");
        assertThat(processVariable("pathway")).isEqualTo("URGENT_IMAGING");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance).variableName("reason")
                .list()).isNotEmpty().allSatisfy(reason -> assertThat(reason.getTaskId()).isNotNull());
    }

    // Helpers

    /** The review is still open, unanswered, and the referral's variables and audit are as they were. */
    private void nothingChanged() {
        assertThat(taskService.createTaskQuery().taskId(task).count()).isEqualTo(1);
        assertThat(processVariable("pathway")).isEqualTo("URGENT_IMAGING");
        assertThat(processVariable("patientName")).isEqualTo("Edith Clarke");
        assertThat(runtime.createVariableInstanceQuery().processInstanceIdIn(instance)
                .variableNameIn("patientFamilyName", "slotId").count()).isZero();
        assertThat(runtime.createVariableInstanceQuery().processInstanceIdIn(instance).variableName("decision").list())
                .allSatisfy(decision -> assertThat(decision.getValue()).isNull());
        assertThat(decisions()).isEmpty();
    }

    private Object processVariable(String name) {
        return runtime.getVariable(instance, name);
    }

    /** The referral's task decisions in the audit trail, newest first. */
    private List<JsonNode> decisions() {
        List<JsonNode> decisions = new java.util.ArrayList<>();
        getJson("admin", "/api/audit?referralId=" + referral + "&limit=100").forEach(entry -> {
            if (entry.get("action").asText().equals("TASK_COMPLETED")) {
                decisions.add(entry);
            }
        });
        return decisions;
    }

    interface Read {
        void run() throws Exception;
    }

    /** The read leaves exactly one entry naming its reader, its channel and this referral. */
    private void assertReadAudited(String reader, String channel, Read read) throws Exception {
        long before = readsOfThisReferral();
        read.run();
        assertThat(readsOfThisReferral()).as(channel).isEqualTo(before + 1);
        Map<String, Object> entry = jdbc.sql("""
                        SELECT actor, channel FROM audit_entry
                        WHERE action = 'PATIENT_DATA_READ' AND ? = ANY (referral_ids) ORDER BY id DESC LIMIT 1""")
                .param(referral).query().singleRow();
        assertThat(entry).containsEntry("actor", reader).containsEntry("channel", channel);
    }

    private long readsOfThisReferral() {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'PATIENT_DATA_READ' AND ? = ANY (referral_ids)")
                .param(referral).query(Long.class).single();
    }

    private List<String> groupsOf(String user) {
        return identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    }

    private Task openTask(String key) {
        return taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(key).singleResult();
    }

    private JsonNode getJson(String user, String path) {
        return http.withBasicAuth(user, user).getForEntity(url(path), JsonNode.class).getBody();
    }

    private ResponseEntity<JsonNode> api(String user, HttpMethod method, String path, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, user).exchange(url(path), method, new HttpEntity<>(json, headers), JsonNode.class);
    }

    private ResponseEntity<JsonNode> rest(HttpMethod method, String path, String json) {
        return api("admin", method, path, json);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
