package health.backline.workflow.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import health.backline.events.Pathway;
import health.backline.events.ReferralStatus;
import health.backline.workflow.referral.ReferralProcess.Elements;
import health.backline.workflow.referral.ReferralProcess.Messages;
import health.backline.workflow.referral.ReferralProcess.Variables;
import health.backline.workflow.tasks.TaskPriorities;
import health.backline.workflow.tasks.TaskWorkGuard;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageConfigurator;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/**
 * Every path of {@code processes/referral/referral.bpmn} on the engine alone: in memory, no Spring, no Kafka, a
 * test in milliseconds. The engine has what the process needs of the service: its deadlines (this service's
 * {@code application.yml}), its task priorities, and the guard on human work ({@link TaskWorkGuard}: answers are
 * the task's own, checked, and only the flow's are copied to the process). What the process sends (status events,
 * appointment requests, booking cancellations) is recorded here instead of written to the outbox; that wiring runs
 * over Kafka and PostgreSQL in {@code ReferralProcessIT}.
 *
 * <p>The class fails unless its tests together run every flow node and sequence flow of the process; the report
 * is in {@code target/process-test-coverage/}.
 */
@Deployment(resources = "processes/referral/referral.bpmn")
class ReferralProcessTest {

    /** What the process sent, in order: the status throw events, the send tasks. */
    static final List<ReferralStatus> statuses = new ArrayList<>();
    static final List<String> appointmentRequests = new ArrayList<>();
    static final List<String> bookingCancellations = new ArrayList<>();

    static final ProcessSettings settings = settingsOfThisService();

    @RegisterExtension
    static ProcessEngineCoverageExtension engineWithCoverage = ProcessEngineCoverageExtension.builder(engine())
            .assertClassCoverageAtLeast(1.0)
            .build();

    ProcessEngine engine;
    String referral;
    ProcessInstance instance;

    @BeforeEach
    void nothingSentYet() {
        engine = engineWithCoverage.getProcessEngine();
        init(engine);
        statuses.clear();
        appointmentRequests.clear();
        bookingCancellations.clear();
    }

    @AfterEach
    void realTime() {
        ClockUtil.reset();
        engine.getIdentityService().clearAuthentication();
    }

    @Test
    void a_new_referral_waits_for_triage_at_the_routine_priority() {
        submitted();
        assertThat(instance).isWaitingAt(Elements.AWAIT_TRIAGE);
        assertThat(triageTimer().getPriority()).isEqualTo(50);
        assertThat(statuses).isEmpty();
    }

    @Test
    void triage_not_heard_in_time_goes_to_the_clinical_lead_and_the_referral_still_moves_on() {
        submitted();
        runTimerDueIn(settings.triageDeadline());

        assertEscalatedToTheLead(Elements.TRIAGE_OVERDUE, Elements.ESCALATE_TRIAGE_OVERDUE, Elements.TRIAGE_ESCALATED,
                Elements.AWAIT_TRIAGE, "Triage of this referral");
        assertThat(task(Elements.RESOLVE_OVERDUE_TASK, instance)).hasCandidateGroup("clinical-lead");

        triage(Pathway.PHYSICAL_THERAPY);
        assertThat(instance).isWaitingAt(Elements.AWAIT_BOOKING_OUTCOME, Elements.RESOLVE_OVERDUE_TASK);
        answerAs("lead", task(Elements.RESOLVE_OVERDUE_TASK, instance), withVariables("note", "Triage service was down"));
        assertThat(instance).hasPassed(Elements.OVERDUE_WORK_RESOLVED).isWaitingAt(Elements.AWAIT_BOOKING_OUTCOME);
    }

    @Test
    void an_er_referral_is_booked_at_once_and_the_patient_called_first_in_the_queue() {
        submitted();
        triage(Pathway.ER_REFERRAL);
        assertThat(instance).hasPassed(Elements.TRIAGED, Elements.ROUTE_BY_PATHWAY, Elements.REQUEST_APPOINTMENT)
                .hasNotPassed(Elements.AWAITING_REVIEW).isWaitingAt(Elements.AWAIT_BOOKING_OUTCOME);
        assertThat(appointmentRequests).containsExactly("RequestAppointment:ER_REFERRAL");

        booked(Instant.now().plus(Duration.ofMinutes(5)));
        Task call = task(instance);
        assertThat(call.getTaskDefinitionKey()).isEqualTo(Elements.CALL_PATIENT_TO_EMERGENCY);
        assertThat(call).hasCandidateGroup("clinician");
        assertThat(call.getPriority()).isEqualTo(100);
        assertThat(call.getDueDate()).isEqualTo(Date.from(ClockUtil.getCurrentTime().toInstant().plus(settings.callDeadline())));

        answerAs("doctor", call, withVariables("reached", true, "note", "Patient on the way"));
        assertThat(instance).hasPassed(Elements.PATIENT_REACHED, Elements.SENT_TO_EMERGENCY, Elements.EMERGENCY_HANDED_OFF).isEnded();
        assertThat(statuses).containsExactly(ReferralStatus.TRIAGED, ReferralStatus.SCHEDULED, ReferralStatus.CLOSED);
    }

    @Test
    void an_er_patient_who_cannot_be_reached_goes_to_the_clinical_lead() {
        submitted();
        triage(Pathway.ER_REFERRAL);
        booked(Instant.now());

        answerAs("doctor", task(instance), withVariables("reached", false, "note", "No answer twice"));

        assertThat(instance).hasPassed(Elements.ESCALATE_UNREACHED_PATIENT, Elements.PATIENT_NOT_REACHED)
                .isWaitingAt(Elements.RESOLVE_OVERDUE_TASK);
        assertThat(overdueWork()).isEqualTo("Patient could not be reached: emergency department call");
        answerAs("lead", task(instance), withVariables("note", "Called the emergency contact"));
        assertThat(instance).isEnded();
    }

    @Test
    void an_er_call_not_made_in_time_is_escalated_and_its_timer_runs_first() {
        submitted();
        triage(Pathway.ER_REFERRAL);
        booked(Instant.now());

        assertThat(runTimerDueIn(settings.callDeadline()).getPriority()).isEqualTo(100);

        assertEscalatedToTheLead(Elements.CALL_OVERDUE, Elements.ESCALATE_CALL_OVERDUE, Elements.CALL_ESCALATED,
                Elements.CALL_PATIENT_TO_EMERGENCY, "Call patient: go to the emergency department now");
    }

    @Test
    void a_confirmed_imaging_referral_is_booked_and_done() {
        submitted();
        triage(Pathway.URGENT_IMAGING);
        assertThat(instance).hasPassed(Elements.GATEWAY_MERGE_BEFORE_REVIEW, Elements.AWAITING_REVIEW)
                .isWaitingAt(Elements.REVIEW_IMAGING_REFERRAL);
        Task review = task(instance);
        assertThat(review).hasCandidateGroup("clinician");
        assertThat(review.getPriority()).isEqualTo(75);
        assertThat(review.getDueDate()).isEqualTo(Date.from(ClockUtil.getCurrentTime().toInstant().plus(settings.reviewDeadline())));

        answerAs("doctor", review, withVariables("decision", "CONFIRM"));
        assertThat(instance).hasPassed(Elements.REVIEW_DECISION, Elements.REQUEST_APPOINTMENT)
                .variables().containsEntry(Variables.PATHWAY, "URGENT_IMAGING").containsEntry(Variables.DECISION, "CONFIRM");
        booked(Instant.now().plus(Duration.ofHours(20)));
        assertThat(instance).hasPassed(Elements.IMAGING_BOOKED).isEnded();
        assertThat(statuses).containsExactly(ReferralStatus.TRIAGED, ReferralStatus.AWAITING_REVIEW, ReferralStatus.SCHEDULED);
        assertThat(appointmentRequests).containsExactly("RequestAppointment:URGENT_IMAGING");
    }

    @Test
    void a_review_escalated_to_the_emergency_department_books_and_calls_as_for_er() {
        submitted();
        triage(Pathway.URGENT_IMAGING);
        answerAs("doctor", task(instance), withVariables("decision", "ESCALATE_TO_ER", "reason", "New saddle numbness"));

        assertThat(appointmentRequests).containsExactly("RequestAppointment:ER_REFERRAL");
        booked(Instant.now());
        assertThat(instance).isWaitingAt(Elements.CALL_PATIENT_TO_EMERGENCY);
        assertThat(task(instance).getPriority()).isEqualTo(100);
    }

    @Test
    void a_review_stepped_down_to_physical_therapy_books_physiotherapy() {
        submitted();
        triage(Pathway.URGENT_IMAGING);
        answerAs("doctor", task(instance), withVariables("decision", "STEP_DOWN_TO_PHYSICAL_THERAPY", "reason", "Old stable fracture"));

        assertThat(appointmentRequests).containsExactly("RequestAppointment:PHYSICAL_THERAPY");
        booked(Instant.now().plus(Duration.ofDays(3)));
        assertThat(instance).isWaitingAt(Elements.DID_THE_PATIENT_COME);
    }

    @Test
    void a_review_stepped_down_to_primary_care_books_a_gp_visit() {
        submitted();
        triage(Pathway.URGENT_IMAGING);
        answerAs("doctor", task(instance), withVariables("decision", "STEP_DOWN_TO_PRIMARY_CARE", "reason", "Benign history"));

        assertThat(appointmentRequests).containsExactly("RequestAppointment:PRIMARY_CARE_FOLLOW_UP");
        assertThat(instance).isWaitingAt(Elements.AWAIT_BOOKING_OUTCOME);
    }

    @Test
    void a_review_without_a_reason_to_step_down_is_refused_and_stays_open() {
        submitted();
        triage(Pathway.URGENT_IMAGING);
        Task review = task(instance);

        assertThatThrownBy(() -> answerAs("doctor", review, withVariables("decision", "STEP_DOWN_TO_PRIMARY_CARE")))
                .hasMessageContaining("reason");
        assertThatThrownBy(() -> answerAs("doctor", review, withVariables("decision", "CONFIRM", "pathway", "ER_REFERRAL")))
                .hasMessageContaining("pathway");

        assertThat(instance).isWaitingAt(Elements.REVIEW_IMAGING_REFERRAL).variables().doesNotContainKey(Variables.DECISION);
        assertThat(appointmentRequests).isEmpty();
    }

    @Test
    void a_review_returned_to_the_referrer_frees_any_booking_and_ends_returned_with_its_reason() {
        submitted();
        triage(Pathway.URGENT_IMAGING);
        answerAs("doctor", task(instance), withVariables("decision", "RETURN_TO_REFERRER",
                "reason", "Imaging not indicated: no red flags. Please try six weeks of physiotherapy first."));

        assertThat(instance).hasPassed(Elements.REVIEW_DECISION, Elements.CANCEL_RETURNED_BOOKING, Elements.RETURNED,
                Elements.RETURNED_TO_REFERRER).hasNotPassed(Elements.REQUEST_APPOINTMENT).isEnded();
        assertThat(bookingCancellations).containsExactly(Elements.CANCEL_RETURNED_BOOKING
                + ": Imaging not indicated: no red flags. Please try six weeks of physiotherapy first.");
        assertThat(statuses).containsExactly(ReferralStatus.TRIAGED, ReferralStatus.AWAITING_REVIEW, ReferralStatus.RETURNED);
        assertThat(appointmentRequests).isEmpty();
    }

    @Test
    void an_attended_first_visit_starts_the_four_weeks_to_reassessment_from_that_visit() {
        submitted();
        triage(Pathway.PHYSICAL_THERAPY);
        Instant visit = Instant.now().plus(Duration.ofDays(2));
        booked(visit);
        assertThat(instance).isWaitingAt(Elements.DID_THE_PATIENT_COME);

        attended(visit, true);

        assertThat(instance).hasPassed(Elements.PATIENT_ATTENDED).isWaitingAt(Elements.TIMER_FOUR_WEEKS_AFTER_THE_VISIT);
        assertThat(onlyTimer().getDuedate()).isEqualTo(Date.from(visit.plus(settings.reassessAfter())));
        ClockUtil.setCurrentTime(Date.from(visit.plus(settings.reassessAfter()).plusSeconds(1)));
        engine.getManagementService().executeJob(onlyTimer().getId());
        assertThat(instance).hasPassed(Elements.GATEWAY_MERGE_BEFORE_REASSESSMENT, Elements.STATUS_AWAITING_REASSESSMENT)
                .hasNotPassed(Elements.TIMER_FOUR_WEEKS_AFTER_FIRST_VISIT).isWaitingAt(Elements.REASSESS_PROGRESS);
    }

    @Test
    void a_first_missed_appointment_is_rebooked_at_once_within_a_fresh_deadline() {
        submitted();
        triage(Pathway.PRIMARY_CARE_FOLLOW_UP);
        Instant missed = Instant.now().plus(Duration.ofDays(1));
        booked(missed);

        attended(missed, false);

        assertThat(instance).hasPassed(Elements.PATIENT_DID_NOT_ATTEND, Elements.FIRST_MISSED_APPOINTMENT,
                Elements.GATEWAY_MERGE_REBOOK).isWaitingAt(Elements.AWAIT_BOOKING_OUTCOME);
        assertThat(appointmentRequests).containsExactly("RequestAppointment:PRIMARY_CARE_FOLLOW_UP",
                "RequestAppointment:PRIMARY_CARE_FOLLOW_UP");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).list()).isEmpty();
        booked(missed.plus(Duration.ofDays(2)));
        assertThat(instance).isWaitingAt(Elements.DID_THE_PATIENT_COME);
    }

    @Test
    void a_second_missed_appointment_goes_to_a_clinician_who_may_return_the_referral_with_a_reason() {
        submitted();
        triage(Pathway.PHYSICAL_THERAPY);
        missTwice();
        assertThat(instance).isWaitingAt(Elements.FOLLOW_UP_MISSED_APPOINTMENT);
        assertThat(task(instance)).hasCandidateGroup("clinician");
        Task followUp = task(instance);

        assertThatThrownBy(() -> answerAs("doctor", followUp, withVariables("decision", "RETURN_TO_REFERRER", "reason", "")))
                .hasMessageContaining("reason is required to return the referral to its referrer");
        answerAs("doctor", followUp, withVariables("decision", "RETURN_TO_REFERRER",
                "reason", "Missed two appointments: please see the patient and refer again when they can attend."));

        assertThat(instance).hasPassed(Elements.FOLLOW_UP_DECISION, Elements.GATEWAY_MERGE_BEFORE_RETURN,
                Elements.CANCEL_RETURNED_BOOKING, Elements.RETURNED, Elements.RETURNED_TO_REFERRER).isEnded();
        assertThat(bookingCancellations).containsExactly(Elements.CANCEL_RETURNED_BOOKING
                + ": Missed two appointments: please see the patient and refer again when they can attend.");
        assertThat(statuses).containsExactly(ReferralStatus.TRIAGED, ReferralStatus.SCHEDULED, ReferralStatus.SCHEDULED,
                ReferralStatus.RETURNED);
    }

    @Test
    void a_clinician_may_rebook_after_a_second_missed_appointment() {
        submitted();
        triage(Pathway.PRIMARY_CARE_FOLLOW_UP);
        missTwice();

        answerAs("doctor", task(instance), withVariables("decision", "REBOOK"));

        assertThat(instance).hasPassed(Elements.FOLLOW_UP_DECISION, Elements.GATEWAY_MERGE_REBOOK)
                .isWaitingAt(Elements.AWAIT_BOOKING_OUTCOME);
        assertThat(appointmentRequests).hasSize(3);
        assertThat(bookingCancellations).isEmpty();
    }

    @Test
    void a_return_without_a_reason_is_refused_and_the_review_stays_open() {
        submitted();
        triage(Pathway.URGENT_IMAGING);
        Task review = task(instance);

        assertThatThrownBy(() -> answerAs("doctor", review, withVariables("decision", "RETURN_TO_REFERRER", "reason", " ")))
                .hasMessageContaining("reason is required unless the decision is CONFIRM");

        assertThat(instance).isWaitingAt(Elements.REVIEW_IMAGING_REFERRAL).variables()
                .doesNotContainKeys(Variables.DECISION, Variables.RETURN_REASON);
        assertThat(bookingCancellations).isEmpty();
        assertThat(statuses).containsExactly(ReferralStatus.TRIAGED, ReferralStatus.AWAITING_REVIEW);
    }

    @Test
    void a_review_not_done_in_time_is_escalated() {
        submitted();
        triage(Pathway.URGENT_IMAGING);

        assertThat(runTimerDueIn(settings.reviewDeadline()).getPriority()).isEqualTo(75);

        assertEscalatedToTheLead(Elements.REVIEW_OVERDUE, Elements.ESCALATE_REVIEW_OVERDUE, Elements.REVIEW_ESCALATED,
                Elements.REVIEW_IMAGING_REFERRAL, "Review imaging referral");
    }

    @Test
    void an_improving_patient_is_closed_four_weeks_after_the_first_visit() {
        submitted();
        triage(Pathway.PHYSICAL_THERAPY);
        assertThat(instance).hasNotPassed(Elements.AWAITING_REVIEW);
        Instant firstVisit = Instant.now().plus(Duration.ofDays(3));
        booked(firstVisit);
        assertThat(instance).isWaitingAt(Elements.DID_THE_PATIENT_COME);
        assertThat(onlyTimer().getDuedate()).isEqualTo(Date.from(firstVisit.plus(settings.reassessAfter())));

        ClockUtil.setCurrentTime(Date.from(firstVisit.plus(settings.reassessAfter()).plusSeconds(1)));
        engine.getManagementService().executeJob(onlyTimer().getId());
        assertThat(instance).hasPassed(Elements.STATUS_AWAITING_REASSESSMENT).isWaitingAt(Elements.REASSESS_PROGRESS);

        answerAs("doctor", task(instance), withVariables("outcome", "IMPROVING"));
        assertThat(instance).hasPassed(Elements.GATEWAY_IMPROVING, Elements.STATUS_CLOSED, Elements.END_PATIENT_IMPROVING).isEnded();
        assertThat(statuses).containsExactly(ReferralStatus.TRIAGED, ReferralStatus.SCHEDULED,
                ReferralStatus.AWAITING_REASSESSMENT, ReferralStatus.CLOSED);
    }

    @Test
    void a_patient_not_improving_goes_to_imaging_review() {
        submitted();
        triage(Pathway.PRIMARY_CARE_FOLLOW_UP);
        reassessmentDue();

        answerAs("doctor", task(instance), withVariables("outcome", "NOT_IMPROVING", "note", "Still in pain"));

        assertThat(instance).hasPassed(Elements.GATEWAY_IMPROVING, Elements.GATEWAY_MERGE_BEFORE_REVIEW)
                .isWaitingAt(Elements.REVIEW_IMAGING_REFERRAL).variables().containsEntry(Variables.PATHWAY, "URGENT_IMAGING");
        assertThat(task(instance).getPriority()).isEqualTo(75);
    }

    @Test
    void a_reassessment_not_done_in_time_is_escalated() {
        submitted();
        triage(Pathway.PHYSICAL_THERAPY);
        reassessmentDue();

        runTimerDueIn(settings.reassessDeadline());

        assertEscalatedToTheLead(Elements.REASSESS_OVERDUE, Elements.ESCALATE_REASSESS_OVERDUE, Elements.REASSESS_ESCALATED,
                Elements.REASSESS_PROGRESS, "Reassess progress after four weeks");
    }

    @Test
    void a_failed_booking_goes_to_a_scheduler_who_books_the_chosen_slot() {
        submitted();
        triage(Pathway.PHYSICAL_THERAPY);
        bookingFailed();

        assertThat(instance).hasPassed(Elements.APPOINTMENT_FAILED, Elements.BOOKING_FAILED).isWaitingAt(Elements.BOOK_MANUALLY);
        assertThat(task(instance)).hasCandidateGroup("scheduler");
        assertThatThrownBy(() -> answerAs("doctor", task(instance), withVariables("slotId", UUID.randomUUID().toString())))
                .hasMessageContaining("does not work the queue");

        answerAs("scheduler", task(instance), withVariables("slotId", UUID.randomUUID().toString()));
        assertThat(instance).hasPassed(Elements.REQUEST_CHOSEN_SLOT).isWaitingAt(Elements.AWAIT_BOOKING_OUTCOME);
        assertThat(appointmentRequests).containsExactly("RequestAppointment:PHYSICAL_THERAPY", "RequestChosenSlot:PHYSICAL_THERAPY");
        booked(Instant.now().plus(Duration.ofDays(2)));
        assertThat(instance).isWaitingAt(Elements.DID_THE_PATIENT_COME);
        assertThat(statuses).containsExactly(ReferralStatus.TRIAGED, ReferralStatus.BOOKING_FAILED, ReferralStatus.SCHEDULED);
    }

    @Test
    void a_slot_freed_while_a_scheduler_has_not_booked_yet_schedules_the_referral_and_ends_the_manual_booking() {
        submitted();
        triage(Pathway.PRIMARY_CARE_FOLLOW_UP);
        bookingFailed();
        assertThat(instance).isWaitingAt(Elements.BOOK_MANUALLY);

        booked(Instant.now().plus(Duration.ofDays(3)));

        assertThat(instance).hasPassed(Elements.SLOT_BOOKED_WHILE_WAITING, Elements.SCHEDULED_WHILE_WAITING,
                Elements.GATEWAY_MERGE_SCHEDULED, Elements.AFTER_BOOKING).hasNotPassed(Elements.REQUEST_CHOSEN_SLOT)
                .isWaitingAt(Elements.DID_THE_PATIENT_COME);
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).list()).isEmpty();
        assertThat(appointmentRequests).containsExactly("RequestAppointment:PRIMARY_CARE_FOLLOW_UP");
        assertThat(statuses).containsExactly(ReferralStatus.TRIAGED, ReferralStatus.BOOKING_FAILED, ReferralStatus.SCHEDULED);
    }

    @Test
    void a_manual_booking_not_done_in_time_is_escalated() {
        submitted();
        triage(Pathway.PRIMARY_CARE_FOLLOW_UP);
        bookingFailed();

        runTimerDueIn(settings.bookingDeadline());

        assertEscalatedToTheLead(Elements.BOOKING_OVERDUE, Elements.ESCALATE_BOOKING_OVERDUE, Elements.BOOKING_ESCALATED,
                Elements.BOOK_MANUALLY, "Book an appointment by hand");
    }

    @Test
    void a_cancellation_ends_the_referral_and_its_escalated_work_wherever_it_waits() {
        submitted();
        runTimerDueIn(settings.triageDeadline());
        triage(Pathway.URGENT_IMAGING);
        assertThat(instance).isWaitingAt(Elements.REVIEW_IMAGING_REFERRAL, Elements.RESOLVE_OVERDUE_TASK);

        engine.getRuntimeService().createMessageCorrelation(Messages.CANCELLED).processInstanceBusinessKey(referral)
                .setVariable(Variables.CANCEL_REASON, "Patient moved away").correlate();

        assertThat(instance).hasPassed(Elements.REFERRAL_CANCELLED, Elements.CANCEL_BOOKING, Elements.CANCELLED,
                Elements.CANCELLATION_DONE).isEnded();
        assertThat(bookingCancellations).containsExactly(Elements.CANCEL_BOOKING + ": Patient moved away");
        assertThat(statuses).containsExactly(ReferralStatus.TRIAGED, ReferralStatus.AWAITING_REVIEW, ReferralStatus.CANCELLED);
    }

    @Test
    void new_findings_with_a_more_urgent_pathway_free_the_booking_and_move_the_referral_there_at_once() {
        submitted();
        triage(Pathway.PHYSICAL_THERAPY);
        booked(Instant.now().plus(Duration.ofDays(3)));
        assertThat(instance).isWaitingAt(Elements.DID_THE_PATIENT_COME);

        retriage(Messages.MORE_URGENT_TRIAGE, Pathway.ER_REFERRAL);

        assertThat(instance).hasPassed(Elements.MORE_URGENT_PATHWAY, Elements.GATEWAY_MERGE_NEW_PATHWAY,
                Elements.CANCEL_BOOKING_FOR_NEW_PATHWAY, Elements.RETRIAGED, Elements.GATEWAY_MERGE_BEFORE_PATHWAY)
                .isWaitingAt(Elements.AWAIT_BOOKING_OUTCOME)
                .variables().containsEntry(Variables.PATHWAY, "ER_REFERRAL").containsEntry(Variables.TRIAGE_PATHWAY, "ER_REFERRAL");
        assertThat(ClinicalFacts.matchedRulesOf(engine.getRuntimeService().getVariable(instance.getId(), Variables.TRIAGE_RULES)))
                .extracting(ClinicalFacts.MatchedRule::rule).containsExactly("R02");
        assertThat(bookingCancellations).singleElement().asString().startsWith(Elements.CANCEL_BOOKING_FOR_NEW_PATHWAY);
        assertThat(appointmentRequests).containsExactly("RequestAppointment:PHYSICAL_THERAPY", "RequestAppointment:ER_REFERRAL");
        assertThat(statuses).containsExactly(ReferralStatus.TRIAGED, ReferralStatus.SCHEDULED, ReferralStatus.TRIAGED);

        booked(Instant.now());
        assertThat(task(instance).getTaskDefinitionKey()).isEqualTo(Elements.CALL_PATIENT_TO_EMERGENCY);
        assertThat(task(instance).getPriority()).isEqualTo(100);
    }

    @Test
    void new_findings_with_a_less_urgent_pathway_change_nothing_until_a_clinician_accepts_them() {
        submitted();
        triage(Pathway.URGENT_IMAGING);

        retriage(Messages.LESS_URGENT_TRIAGE, Pathway.PHYSICAL_THERAPY);

        assertThat(instance).hasPassed(Elements.LESS_URGENT_PATHWAY_PROPOSED)
                .isWaitingAt(Elements.REVIEW_IMAGING_REFERRAL, Elements.REVIEW_TRIAGE_CHANGE)
                .variables().containsEntry(Variables.PATHWAY, "URGENT_IMAGING");
        Task review = task(Elements.REVIEW_TRIAGE_CHANGE, instance);
        assertThat(review).hasCandidateGroup("clinician");
        assertThat(instance).variables().containsEntry(Variables.PROPOSED_PATHWAY, "PHYSICAL_THERAPY");
        assertThatThrownBy(() -> answerAs("doctor", review, withVariables("decision", "ACCEPT")))
                .hasMessageContaining("reason");

        answerAs("doctor", review, withVariables("decision", "ACCEPT", "reason", "Fracture ruled out at the fracture clinic"));

        assertThat(instance).hasPassed(Elements.TRIAGE_CHANGE_DECISION, Elements.TRIAGE_CHANGE_ACCEPTED,
                        Elements.CLINICIAN_ACCEPTED_TRIAGE_CHANGE, Elements.CANCEL_BOOKING_FOR_NEW_PATHWAY, Elements.RETRIAGED)
                .isWaitingAt(Elements.AWAIT_BOOKING_OUTCOME)
                .variables().containsEntry(Variables.PATHWAY, "PHYSICAL_THERAPY");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).count())
                .as("the imaging review ended with the care it was part of").isZero();
        assertThat(appointmentRequests).containsExactly("RequestAppointment:PHYSICAL_THERAPY");
        assertThat(statuses).containsExactly(ReferralStatus.TRIAGED, ReferralStatus.AWAITING_REVIEW, ReferralStatus.TRIAGED);
    }

    @Test
    void a_clinician_may_keep_the_current_pathway_with_a_reason() {
        submitted();
        triage(Pathway.ER_REFERRAL);
        booked(Instant.now());

        retriage(Messages.LESS_URGENT_TRIAGE, Pathway.URGENT_IMAGING);
        answerAs("doctor", task(Elements.REVIEW_TRIAGE_CHANGE, instance),
                withVariables("decision", "KEEP_CURRENT", "reason", "Saddle numbness reported on the phone: ED now"));

        assertThat(instance).hasPassed(Elements.CURRENT_PATHWAY_KEPT).hasNotPassed(Elements.CANCEL_BOOKING_FOR_NEW_PATHWAY)
                .isWaitingAt(Elements.CALL_PATIENT_TO_EMERGENCY).variables().containsEntry(Variables.PATHWAY, "ER_REFERRAL");
        assertThat(bookingCancellations).isEmpty();

        answerAs("doctor", task(instance), withVariables("reached", true));
        assertThat(instance).hasPassed(Elements.EMERGENCY_HANDED_OFF, Elements.CARE_ENDED).isEnded();
    }

    @Test
    void an_emergency_found_after_imaging_was_booked_reopens_the_referral_frees_the_scan_and_hands_off() {
        submitted();
        triage(Pathway.URGENT_IMAGING);
        answerAs("doctor", task(instance), withVariables("decision", "CONFIRM"));
        booked(Instant.now().plus(Duration.ofDays(1)));
        assertThat(instance).hasPassed(Elements.IMAGING_BOOKED, Elements.CARE_ENDED).isEnded();

        instance = engine.getRuntimeService().createMessageCorrelation(Messages.CARE_REOPENED)
                .processInstanceBusinessKey(referral)
                .setVariables(Map.of(Variables.REFERRAL_ID, referral, Variables.PATHWAY, "URGENT_IMAGING",
                        Variables.PROPOSED_PATHWAY, "ER_REFERRAL",
                        Variables.PROPOSED_RULES, ClinicalFacts.matchedRules(List.of("R02"), List.of("Saddle numbness"))))
                .correlateStartMessage();

        assertThat(instance).hasPassed(Elements.CARE_REOPENED, Elements.GATEWAY_MERGE_NEW_PATHWAY,
                        Elements.CANCEL_BOOKING_FOR_NEW_PATHWAY, Elements.RETRIAGED)
                .isWaitingAt(Elements.AWAIT_BOOKING_OUTCOME).variables().containsEntry(Variables.PATHWAY, "ER_REFERRAL");
        assertThat(bookingCancellations).singleElement().asString().startsWith(Elements.CANCEL_BOOKING_FOR_NEW_PATHWAY);
        assertThat(appointmentRequests).containsExactly("RequestAppointment:URGENT_IMAGING", "RequestAppointment:ER_REFERRAL");
    }

    /**
     * The process is deployed per test, after any {@code @BeforeEach}: each test starts its referral first. The engine's
     * clock stands still from here, so deadlines are exact; a test moves it.
     */
    private void submitted() {
        ClockUtil.setCurrentTime(new Date());
        referral = UUID.randomUUID().toString();
        instance = engine.getRuntimeService().createMessageCorrelation(Messages.SUBMITTED)
                .processInstanceBusinessKey(referral)
                .setVariables(Map.of(Variables.REFERRAL_ID, referral, Variables.SUBMITTED_AT, ClockUtil.getCurrentTime()))
                .correlateStartMessage();
    }

    private void triage(Pathway pathway) {
        engine.getRuntimeService().createMessageCorrelation(Messages.TRIAGED).processInstanceBusinessKey(referral)
                .setVariable(Variables.PATHWAY, pathway.name()).correlate();
    }

    /** Triage's answer to new findings, as {@code ReferralFlow} correlates it. */
    private void retriage(String message, Pathway proposed) {
        engine.getRuntimeService().createMessageCorrelation(message).processInstanceBusinessKey(referral)
                .setVariable(Variables.PROPOSED_PATHWAY, proposed.name())
                .setVariable(Variables.PROPOSED_RULES, ClinicalFacts.matchedRules(List.of("R02"), List.of("Saddle numbness")))
                .correlate();
    }

    private void booked(Instant start) {
        engine.getRuntimeService().createMessageCorrelation(Messages.BOOKED).processInstanceBusinessKey(referral)
                .setVariable(Variables.APPOINTMENT_START, start.toString())
                .setVariable(Variables.REASSESS_AT, Date.from(start.plus(settings.reassessAfter())))
                .correlate();
    }

    private void bookingFailed() {
        engine.getRuntimeService().createMessageCorrelation(Messages.BOOKING_FAILED).processInstanceBusinessKey(referral)
                .setVariable(Variables.BOOKING_FAILURE, "No free slot in time").correlate();
    }

    /** Booked for tomorrow, then four weeks on: the reassessment task is open. */
    /** Booked, missed; rebooked, missed again. */
    private void missTwice() {
        Instant first = Instant.now().plus(Duration.ofDays(1));
        booked(first);
        attended(first, false);
        Instant second = first.plus(Duration.ofDays(2));
        booked(second);
        attended(second, false);
    }

    /** Scheduling's record of whether the patient came, as {@code Attendances} correlates it. */
    private void attended(Instant visit, boolean came) {
        var correlation = came
                ? engine.getRuntimeService().createMessageCorrelation(Messages.ATTENDED)
                .setVariable(Variables.REASSESS_AT, Date.from(visit.plus(settings.reassessAfter())))
                : engine.getRuntimeService().createMessageCorrelation(Messages.MISSED)
                .setVariable(Variables.MISSED_APPOINTMENTS, missedSoFar() + 1);
        correlation.processInstanceBusinessKey(referral).correlate();
    }

    private int missedSoFar() {
        return engine.getRuntimeService().getVariable(instance.getId(), Variables.MISSED_APPOINTMENTS) instanceof Integer n
                ? n : 0;
    }

    private void reassessmentDue() {
        Instant firstVisit = Instant.now().plus(Duration.ofDays(1));
        booked(firstVisit);
        ClockUtil.setCurrentTime(Date.from(firstVisit.plus(settings.reassessAfter()).plusSeconds(1)));
        engine.getManagementService().executeJob(onlyTimer().getId());
        assertThat(instance).isWaitingAt(Elements.REASSESS_PROGRESS);
    }

    /** Answers a task as a signed-in worker of the queues a user of that name works (contract: users). */
    private void answerAs(String user, Task task, Map<String, Object> answers) {
        List<String> queues = switch (user) {
            case "lead" -> List.of("clinical-lead", "clinician");
            case "scheduler" -> List.of("scheduler");
            default -> List.of("clinician");
        };
        engine.getIdentityService().setAuthentication(user, queues);
        try {
            engine.getFormService().submitTaskForm(task.getId(), answers);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    /** A deadline passed: its timer escalated to the clinical lead, and the work stays open beside the lead's task. */
    private void assertEscalatedToTheLead(String timer, String escalation, String escalated, String stillOpen, String work) {
        assertThat(instance).hasPassed(timer, escalation, escalated).isWaitingAt(stillOpen, Elements.RESOLVE_OVERDUE_TASK);
        assertThat(overdueWork()).isEqualTo(work);
    }

    private Object overdueWork() {
        return engine.getTaskService().getVariable(task(Elements.RESOLVE_OVERDUE_TASK, instance).getId(), Variables.OVERDUE_WORK);
    }

    /** The referral's one timer is not due before its deadline; just after it, it is, and runs. */
    private Job runTimerDueIn(Duration deadline) {
        Job timer = onlyTimer();
        assertThat(timer.getDuedate()).isEqualTo(Date.from(ClockUtil.getCurrentTime().toInstant().plus(deadline)));
        ClockUtil.setCurrentTime(Date.from(timer.getDuedate().toInstant().plusSeconds(1)));
        engine.getManagementService().executeJob(timer.getId());
        return timer;
    }

    private Job onlyTimer() {
        return engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
    }

    private Job triageTimer() {
        return engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId(Elements.TRIAGE_OVERDUE).singleResult();
    }

    /** The engine, in memory, with the beans and plugins the service gives it; the job executor off. */
    private static ProcessEngineConfiguration engine() {
        var configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setJdbcUrl("jdbc:h2:mem:referral-process-test;DB_CLOSE_DELAY=-1");
        configuration.setJobExecutorActivate(false);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_AUDIT);
        configuration.setEnforceHistoryTimeToLive(true);
        configuration.setBeans(Map.of(
                "deadlines", new ProcessDeadlines(settings),
                "taskPriorities", new TaskPriorities(),
                "referralStatus", new StatusMilestone(),
                "appointmentRequest", recordInto(appointmentRequests,
                        execution -> execution.getCurrentActivityId() + ":" + execution.getVariable(Variables.PATHWAY)),
                "bookingCancellation", recordInto(bookingCancellations, execution -> execution.getCurrentActivityId()
                        + ": " + Objects.requireNonNullElse(execution.getVariable(Variables.CANCEL_REASON),
                                Objects.requireNonNullElse(execution.getVariable(Variables.RETURN_REASON), "new pathway")))));
        configuration.getProcessEnginePlugins().add(new TaskPriorities());
        configuration.getProcessEnginePlugins().add(new TaskWorkGuard());
        configuration.getProcessEnginePlugins().add(new SpinProcessEnginePlugin()); // the clinical facts are Spin JSON
        ProcessCoverageConfigurator.initializeProcessCoverageExtensions(configuration);
        return configuration;
    }

    private static JavaDelegate recordInto(List<String> sent, Function<DelegateExecution, String> what) {
        return execution -> sent.add(what.apply(execution));
    }

    /** Records the status a milestone announces ({@code ReferralStatusPublisher} publishes it); fields injected by the engine. */
    static final class StatusMilestone implements JavaDelegate {

        private Expression status;
        private Expression detail;
        private Expression due;

        @Override
        public void execute(DelegateExecution execution) {
            assertThat((String) detail.getValue(execution)).isNotBlank();
            if (due != null) {
                assertThat(Duration.parse((String) due.getValue(execution))).isPositive();
            }
            statuses.add(ReferralStatus.valueOf((String) status.getValue(execution)));
        }
    }

    /** The deadlines as this service runs them by default. */
    private static ProcessSettings settingsOfThisService() {
        try {
            var yaml = new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"));
            return new Binder(ConfigurationPropertySources.from(yaml)).bind("backline.workflow", ProcessSettings.class).get();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the workflow service's application.yml", e);
        }
    }
}
