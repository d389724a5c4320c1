package health.backline.workflow.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.events.Pathway;
import health.backline.events.Priority;
import health.backline.events.Topics;
import health.backline.events.intake.Intake;
import health.backline.events.intake.Patient;
import health.backline.events.intake.Complaint;
import health.backline.events.intake.Region;
import health.backline.events.payload.AppointmentBooked;
import health.backline.events.payload.AppointmentFailed;
import health.backline.events.payload.ReferralCancelRequested;
import health.backline.events.payload.ReferralSubmitted;
import health.backline.events.payload.ReferralRetriaged;
import health.backline.events.payload.ReferralTriaged;
import health.backline.testsupport.KafkaRecords;
import health.backline.testsupport.RealInfrastructure;
import health.backline.workflow.WorkflowServiceTest;
import health.backline.workflow.booking.BookingOutcomes;
import health.backline.workflow.camunda.CamundaIdentity;
import health.backline.workflow.referral.ReferralProcess.Elements;
import health.backline.workflow.referral.ReferralProcess.Variables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The referral process inside the service: on the real engine over PostgreSQL, driven through the same services
 * the Kafka listeners call ({@link ReferralFlow}, {@link BookingOutcomes}), with the service's beans, plugins and
 * settings. One test per way in: each event, a timer, a task answered by a signed-in worker. Every path of the
 * process, with its coverage, is {@code ReferralProcessTest}'s, on the engine alone. The job executor is off:
 * timers run when a test moves the engine clock and executes them.
 */
@WorkflowServiceTest
class ReferralProcessIT {

    @Autowired
    ProcessEngine engine;

    @Autowired
    RuntimeService runtime;

    @Autowired
    ManagementService management;

    @Autowired
    ReferralFlow flow;

    @Autowired
    BookingOutcomes bookings;

    @Autowired
    CamundaIdentity camunda;

    @Autowired
    ObjectMapper objectMapper;

    @Autowired
    JdbcClient jdbc;

    String referral;
    ProcessInstance instance;

    @BeforeEach
    void newReferral() {
        init(engine);
        referral = UUID.randomUUID().toString();
        flow.submitted(ReferralSubmitted.of(referral, Instant.now(), new Intake(
                new Patient("MRN-9", "Ada", "Lovelace", LocalDate.of(1961, 3, 14), null, null), null,
                new Complaint(Region.LUMBAR, 10, 5, null), List.of(), 0, null, null)));
        instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(referral).singleResult();
    }

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void a_submitted_referral_starts_one_instance_that_waits_for_triage() {
        flow.submitted(ReferralSubmitted.of(referral, Instant.now(), new Intake(
                new Patient("MRN-9", "Ada", "Lovelace", LocalDate.of(1961, 3, 14), null, null), null,
                new Complaint(Region.LUMBAR, 10, 5, null), List.of(), 0, null, null)));

        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(referral).count()).isEqualTo(1);
        assertThat(instance).isWaitingAt(Elements.AWAIT_TRIAGE).variables().containsEntry("referralId", referral);
    }

    @Test
    void triage_overdue_goes_to_the_clinical_lead_and_triage_still_counts() {
        assertThat(timerDueIn(Duration.ofMinutes(10))).isNotNull();

        assertThat(instance).isWaitingAt(Elements.AWAIT_TRIAGE, Elements.RESOLVE_OVERDUE_TASK);
        assertThat(overdueWork()).isEqualTo("Triage of this referral");
        assertThat(task(Elements.RESOLVE_OVERDUE_TASK, instance)).hasCandidateGroup("clinical-lead");
        triage(Pathway.PHYSICAL_THERAPY);
        assertThat(instance).hasPassed(Elements.TRIAGED).isWaitingAt(Elements.AWAIT_BOOKING_OUTCOME, Elements.RESOLVE_OVERDUE_TASK);
    }

    @Test
    void an_er_referral_is_handed_off_at_once_and_the_patient_called() {
        triage(Pathway.ER_REFERRAL);
        assertThat(instance).hasPassed(Elements.TRIAGED, Elements.ROUTE_BY_PATHWAY, Elements.REQUEST_APPOINTMENT)
                .hasNotPassed(Elements.REVIEW_IMAGING_REFERRAL).isWaitingAt(Elements.AWAIT_BOOKING_OUTCOME);

        booked(Pathway.ER_REFERRAL, "Emergency department");
        assertThat(instance).hasPassed(Elements.SCHEDULED).isWaitingAt(Elements.CALL_PATIENT_TO_EMERGENCY);
        assertThat(task(instance)).hasCandidateGroup("clinician");
        assertThat(task(instance).getPriority()).isEqualTo(100);

        answer(task(instance), withVariables("reached", true, "note", "Patient on the way"));
        assertThat(instance).hasPassed(Elements.SENT_TO_EMERGENCY).isEnded();
    }

    @Test
    void a_confirmed_imaging_referral_is_booked_within_forty_eight_hours() {
        triage(Pathway.URGENT_IMAGING);
        assertThat(instance).hasPassed(Elements.AWAITING_REVIEW).isWaitingAt(Elements.REVIEW_IMAGING_REFERRAL);
        assertThat(task(instance)).hasCandidateGroup("clinician");
        assertThat(task(instance).getDueDate()).isCloseTo(Date.from(Instant.now().plus(Duration.ofHours(4))), 60_000);
        assertThat(task(instance).getPriority()).isEqualTo(75);

        answer(task(instance), withVariables("decision", "CONFIRM"));
        assertThat(instance).hasPassed(Elements.REVIEW_DECISION, Elements.REQUEST_APPOINTMENT).isWaitingAt(Elements.AWAIT_BOOKING_OUTCOME)
                .variables().containsEntry("pathway", "URGENT_IMAGING");
        booked(Pathway.URGENT_IMAGING, "Imaging suite");
        assertThat(instance).hasPassed(Elements.SCHEDULED, Elements.IMAGING_BOOKED).isEnded();
    }

    @Test
    void an_improving_patient_is_closed_four_weeks_after_the_first_visit() {
        triage(Pathway.PHYSICAL_THERAPY);
        Instant firstVisit = Instant.now().plus(Duration.ofDays(3));
        bookings.booked(new AppointmentBooked(referral, Pathway.PHYSICAL_THERAPY, firstVisit,
                firstVisit.plus(Duration.ofMinutes(30)), "Physiotherapy clinic", "PT-1"));
        assertThat(instance).isWaitingAt(Elements.DID_THE_PATIENT_COME);
        Job reassessment = management.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
        assertThat(reassessment.getDuedate()).isEqualTo(Date.from(firstVisit.plus(Duration.ofDays(28))));

        ClockUtil.setCurrentTime(Date.from(firstVisit.plus(Duration.ofDays(28)).plusSeconds(1)));
        management.executeJob(executableTimer().getId());
        assertThat(instance).hasPassed(Elements.STATUS_AWAITING_REASSESSMENT).isWaitingAt(Elements.REASSESS_PROGRESS);

        answer(task(instance), withVariables("outcome", "IMPROVING"));
        assertThat(instance).hasPassed(Elements.STATUS_CLOSED).isEnded();
    }

    @Test
    void a_failed_booking_goes_to_a_scheduler_who_books_by_hand() {
        triage(Pathway.PHYSICAL_THERAPY);
        bookings.failed(new AppointmentFailed(referral, "No free PHYSICAL_THERAPY slot before 2026-12-05"));

        assertThat(instance).hasPassed(Elements.APPOINTMENT_FAILED, Elements.BOOKING_FAILED).isWaitingAt(Elements.BOOK_MANUALLY);
        assertThat(task(instance)).hasCandidateGroup("scheduler");
        answer(task(instance), withVariables("slotId", UUID.randomUUID().toString()));

        assertThat(instance).hasPassed(Elements.REQUEST_CHOSEN_SLOT).isWaitingAt(Elements.AWAIT_BOOKING_OUTCOME);
        booked(Pathway.PHYSICAL_THERAPY, "Physiotherapy clinic");
        assertThat(instance).isWaitingAt(Elements.DID_THE_PATIENT_COME);
    }

    @Test
    void a_cancellation_ends_the_referral_wherever_it_waits() {
        triage(Pathway.URGENT_IMAGING);
        assertThat(instance).isWaitingAt(Elements.REVIEW_IMAGING_REFERRAL);

        flow.cancelled(new ReferralCancelRequested(referral, "Patient moved away", "frontdesk"));

        assertThat(instance).hasPassed(Elements.REFERRAL_CANCELLED, Elements.CANCEL_BOOKING, Elements.CANCELLED).isEnded();
    }

    @Test
    void a_referral_returned_to_its_referrer_reports_returned_with_the_reason_and_frees_any_booking() throws Exception {
        KafkaRecords statuses = KafkaRecords.of(RealInfrastructure.get(), Topics.REFERRALS_STATUS);
        KafkaRecords cancellations = KafkaRecords.of(RealInfrastructure.get(), Topics.APPOINTMENTS_CANCEL);
        String reason = "Imaging not indicated: no red flags. Please try six weeks of physiotherapy first.";
        triage(Pathway.URGENT_IMAGING);

        answer(task(instance), withVariables("decision", "RETURN_TO_REFERRER", "reason", reason));

        assertThat(instance).hasPassed(Elements.CANCEL_RETURNED_BOOKING, Elements.RETURNED).isEnded();
        JsonNode returned = objectMapper.readTree(statuses.await(r -> r.key().equals(referral)
                && new String(r.value(), StandardCharsets.UTF_8).contains("\"RETURNED\"")).value());
        assertThat(returned.get("detail").asText()).isEqualTo(reason);
        assertThat(returned.get("pathway").asText()).isEqualTo("URGENT_IMAGING");
        assertThat(returned.has("due")).as("returned waits for nobody").isFalse();
        JsonNode cancel = objectMapper.readTree(cancellations.await(r -> r.key().equals(referral)).value());
        assertThat(cancel.get("reason").asText()).isEqualTo("Returned to the referrer: " + reason);
    }

    @Test
    void a_cancellation_heard_after_the_referral_was_returned_to_its_referrer_changes_nothing() throws Exception {
        KafkaRecords statuses = KafkaRecords.of(RealInfrastructure.get(), Topics.REFERRALS_STATUS);
        KafkaRecords cancellations = KafkaRecords.of(RealInfrastructure.get(), Topics.APPOINTMENTS_CANCEL);
        triage(Pathway.URGENT_IMAGING);
        answer(task(instance), withVariables("decision", "RETURN_TO_REFERRER", "reason", "Refer to pain management"));

        flow.cancelled(new ReferralCancelRequested(referral, "Patient moved away", "frontdesk"));

        // Whatever the two wrote has reached Kafka once the outbox holds nothing more of this referral.
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM outbox_event WHERE record_key = ?")
                .param(referral).query(Long.class).single() == 0);
        assertThat(fieldOfEach(statuses, "status")).containsExactly("TRIAGED", "AWAITING_REVIEW", "RETURNED");
        assertThat(fieldOfEach(cancellations, "reason")).containsExactly("Returned to the referrer: Refer to pain management");
    }

    @Test
    void new_findings_with_a_more_urgent_pathway_free_the_physiotherapy_slot_and_hand_off_to_the_emergency_department()
            throws Exception {
        KafkaRecords statuses = KafkaRecords.of(RealInfrastructure.get(), Topics.REFERRALS_STATUS);
        KafkaRecords cancellations = KafkaRecords.of(RealInfrastructure.get(), Topics.APPOINTMENTS_CANCEL);
        KafkaRecords requests = KafkaRecords.of(RealInfrastructure.get(), Topics.APPOINTMENTS_REQUESTED);
        triage(Pathway.PHYSICAL_THERAPY);
        booked(Pathway.PHYSICAL_THERAPY, "Physiotherapy");

        flow.retriaged(retriaged(1, Pathway.ER_REFERRAL, "R02"));
        flow.retriaged(retriaged(1, Pathway.ER_REFERRAL, "R02"));

        assertThat(instance).hasPassed(Elements.MORE_URGENT_PATHWAY, Elements.CANCEL_BOOKING_FOR_NEW_PATHWAY,
                Elements.RETRIAGED).isWaitingAt(Elements.AWAIT_BOOKING_OUTCOME);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM outbox_event WHERE record_key = ?")
                .param(referral).query(Long.class).single() == 0);
        assertThat(fieldOfEach(cancellations, "reason")).containsExactly("New findings: the referral moves to ER_REFERRAL");
        // The outbox sends an emergency's records first (its lane), so Kafka may hold them before older routine ones.
        assertThat(fieldOfEach(requests, "pathway")).containsExactlyInAnyOrder("PHYSICAL_THERAPY", "ER_REFERRAL");
        assertThat(fieldOfEach(statuses, "detail")).hasSize(3).contains("Triage proposes PHYSICAL_THERAPY (R01)",
                "Moved after new findings to ER_REFERRAL (R02)");
    }

    @Test
    void new_findings_with_a_less_urgent_pathway_wait_for_a_clinician_and_the_same_pathway_changes_nothing() {
        triage(Pathway.URGENT_IMAGING);

        flow.retriaged(retriaged(1, Pathway.URGENT_IMAGING, "R13"));
        assertThat(taskService().createTaskQuery().processInstanceId(instance.getId()).count()).isOne();
        flow.retriaged(retriaged(2, Pathway.PRIMARY_CARE_FOLLOW_UP, "R25"));

        Task review = taskService().createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey(Elements.REVIEW_TRIAGE_CHANGE).singleResult();
        assertThat(review).hasCandidateGroup("clinician");
        assertThat(runtime.getVariable(instance.getId(), Variables.PATHWAY)).isEqualTo("URGENT_IMAGING");
        answer(review, withVariables("decision", "KEEP_CURRENT", "reason", "Osteoporosis: imaging still needed"));
        assertThat(instance).hasPassed(Elements.CURRENT_PATHWAY_KEPT).isWaitingAt(Elements.REVIEW_IMAGING_REFERRAL);
    }

    @Test
    void a_re_triage_that_overtakes_the_first_triage_routes_the_referral_and_the_late_first_triage_changes_nothing() {
        flow.retriaged(retriaged(1, Pathway.ER_REFERRAL, "R02"));
        triage(Pathway.PHYSICAL_THERAPY);

        assertThat(instance).isWaitingAt(Elements.AWAIT_BOOKING_OUTCOME).hasNotPassed(Elements.MORE_URGENT_PATHWAY)
                .variables().containsEntry(Variables.PATHWAY, "ER_REFERRAL");
    }

    @Test
    void an_older_re_triage_arriving_after_a_newer_one_changes_nothing() {
        triage(Pathway.PHYSICAL_THERAPY);
        flow.retriaged(retriaged(2, Pathway.ER_REFERRAL, "R02"));

        flow.retriaged(retriaged(1, Pathway.URGENT_IMAGING, "R13"));

        assertThat(taskService().createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey(Elements.REVIEW_TRIAGE_CHANGE).count()).isZero();
        assertThat(runtime.getVariable(instance.getId(), Variables.PATHWAY)).isEqualTo("ER_REFERRAL");
    }

    @Test
    void an_emergency_found_after_imaging_was_booked_reopens_the_referral_with_what_it_knew() {
        triage(Pathway.URGENT_IMAGING);
        answer(task(instance), withVariables("decision", "CONFIRM"));
        booked(Pathway.URGENT_IMAGING, "MRI-1");
        assertThat(instance).hasPassed(Elements.IMAGING_BOOKED).isEnded();

        flow.retriaged(retriaged(1, Pathway.ER_REFERRAL, "R02"));
        flow.retriaged(retriaged(1, Pathway.ER_REFERRAL, "R02"));

        List<ProcessInstance> running = runtime.createProcessInstanceQuery().processInstanceBusinessKey(referral).list();
        assertThat(running).hasSize(1);
        ProcessInstance reopened = running.get(0);
        assertThat(reopened).hasPassed(Elements.CARE_REOPENED, Elements.CANCEL_BOOKING_FOR_NEW_PATHWAY)
                .isWaitingAt(Elements.AWAIT_BOOKING_OUTCOME).variables()
                .containsEntry(Variables.PATHWAY, "ER_REFERRAL").containsEntry(Variables.PATIENT_NAME, "Ada Lovelace");
        assertThat(jdbc.sql("SELECT process_instance_id FROM referral_instance WHERE referral_id = ?")
                .param(UUID.fromString(referral)).query(String.class).single()).isEqualTo(reopened.getId());

        flow.retriaged(retriaged(2, Pathway.PHYSICAL_THERAPY, "R23"));
        flow.cancelled(new ReferralCancelRequested(referral, "Patient moved away", "frontdesk"));
        assertThat(reopened).hasPassed(Elements.CANCELLED).isEnded();
    }

    /** One field of each of this referral's records on the topic, up to now. */
    private List<String> fieldOfEach(KafkaRecords topic, String field) throws IOException {
        List<String> values = new ArrayList<>();
        for (var record : topic.allUpToNow()) {
            if (record.key().equals(referral)) {
                values.add(objectMapper.readTree(record.value()).get(field).asText());
            }
        }
        return values;
    }

    /** What the clinical lead's open task says is overdue: the code of the escalation that opened it. */
    private Object overdueWork() {
        Task resolve = taskService().createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey(Elements.RESOLVE_OVERDUE_TASK).singleResult();
        return taskService().getVariable(resolve.getId(), "overdueWork");
    }

    /**
     * Answers a task as its queue's worker does (Tasklist's form submission, signed in): the scheduler books by hand,
     * the clinical lead does the rest (a lead works the clinician queue too).
     */
    private void answer(Task task, Map<String, Object> answers) {
        String worker = task.getTaskDefinitionKey().equals(Elements.BOOK_MANUALLY) ? "scheduler" : "lead";
        camunda.as(worker, () -> engine.getFormService().submitTaskForm(task.getId(), answers));
    }

    private void triage(Pathway pathway) {
        flow.triaged(new ReferralTriaged(referral, pathway, pathway.priority(), List.of("R01"), List.of("reason"), null));
    }

    /** Triage's answer to this referral's new findings, as the listener hands it over. */
    private ReferralRetriaged retriaged(int revision, Pathway pathway, String rule) {
        return new ReferralRetriaged(referral, revision, Instant.now(), "New findings", new ReferralTriaged(referral,
                pathway, pathway.priority(), List.of(rule), List.of("reason of " + rule), null));
    }

    private void booked(Pathway pathway, String location) {
        Instant start = Instant.now().plus(Duration.ofDays(1));
        bookings.booked(new AppointmentBooked(referral, pathway, start, start.plus(Duration.ofMinutes(30)), location, "R-1"));
    }

    /** The only timer of this referral is not due yet; moved past its deadline, it is, and runs. */
    private Job timerDueIn(Duration deadline) {
        assertThat(management.createJobQuery().processInstanceId(instance.getId()).timers().executable().count())
                .isZero();
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(deadline).plusSeconds(1)));
        Job due = executableTimer();
        management.executeJob(due.getId());
        return due;
    }

    private Job executableTimer() {
        return management.createJobQuery().processInstanceId(instance.getId()).timers().executable().singleResult();
    }
}
