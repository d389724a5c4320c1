package health.backline.workflow.referral;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.events.Pathway;
import health.backline.events.intake.Intake;
import health.backline.events.intake.Patient;
import health.backline.events.payload.AppointmentCancelRequested;
import health.backline.events.payload.ReferralCancelRequested;
import health.backline.events.payload.ReferralRetriaged;
import health.backline.events.payload.ReferralStatusChanged;
import health.backline.events.payload.ReferralSubmitted;
import health.backline.events.payload.ReferralTriaged;
import health.backline.starter.outbox.EventOutbox;
import health.backline.workflow.metrics.ReferralMetrics;
import health.backline.workflow.referral.ReferralInstances.KnownReferral;
import health.backline.workflow.referral.ReferralProcess.Elements;
import health.backline.workflow.referral.ReferralProcess.Messages;
import health.backline.workflow.referral.ReferralProcess.Variables;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the referral events do to the process: a submitted referral starts the one instance it may
 * have, a triage result moves it on, a cancellation interrupts it wherever it is. The three arrive on
 * different topics and may overtake each other by any time: an event heard before the instance exists
 * is kept on the referral's row ({@link ReferralInstances}) and takes effect when it starts, and a
 * cancellation heard first wins; one heard after the referral was returned to its referrer changes nothing. Nothing
 * here waits for a retry.
 */
@Service
public class ReferralFlow {

    private static final Logger log = LoggerFactory.getLogger(ReferralFlow.class);

    private final RuntimeService runtime;
    private final HistoryService history;
    private final ReferralInstances instances;
    private final EventOutbox outbox;
    private final ReferralVariables variables;
    private final ReferralMetrics metrics;
    private final ObjectMapper objectMapper;
    private final ReferralTrace trace;

    ReferralFlow(RuntimeService runtime, HistoryService history, ReferralInstances instances, EventOutbox outbox,
                 ReferralVariables variables, ReferralMetrics metrics, ObjectMapper objectMapper, ReferralTrace trace) {
        this.runtime = runtime;
        this.history = history;
        this.instances = instances;
        this.outbox = outbox;
        this.variables = variables;
        this.metrics = metrics;
        this.objectMapper = objectMapper;
        this.trace = trace;
    }

    /**
     * Starts the referral's one process instance, unless a cancellation got here first. A triage result
     * that got here first moves the new instance on at once.
     */
    @Transactional
    public void submitted(ReferralSubmitted submitted) {
        KnownReferral referral = instances.lock(UUID.fromString(submitted.referralId()));
        if (referral.started()) {
            log.info("Referral {} already has its process instance", referral.referralId());
            return;
        }
        if (referral.cancelled()) {
            log.info("Referral {} was cancelled before its submission arrived: no process starts", referral.referralId());
            return;
        }
        ProcessInstance instance = runtime.createMessageCorrelation(Messages.SUBMITTED)
                .processInstanceBusinessKey(submitted.referralId())
                .setVariables(startVariables(submitted))
                .correlateStartMessage();
        instances.started(referral.referralId(), instance.getId(), ClockUtil.getCurrentTime().toInstant());
        metrics.started();
        referral.triageHeardEarly().map(this::readTriage).ifPresent(this::moveOn);
    }

    /** Moves the instance on; kept for it when the instance has not started yet. */
    @Transactional
    public void triaged(ReferralTriaged triaged) {
        KnownReferral referral = instances.lock(UUID.fromString(triaged.referralId()));
        if (referral.cancelled()) {
            log.info("Triage result for referral {} ignored: it was cancelled", referral.referralId());
        } else if (referral.started()) {
            moveOn(triaged);
        } else if (referral.triageHeardEarly().isPresent()) {
            log.info("Triage result for referral {} ignored: a re-triage of its new findings came first",
                    referral.referralId());
        } else {
            instances.triagedBeforeStart(referral.referralId(), writeTriage(triaged));
        }
    }

    private void moveOn(ReferralTriaged triaged) {
        Object submittedAt = variables.of(triaged.referralId(), Variables.SUBMITTED_AT).get(Variables.SUBMITTED_AT);
        var moved = runtime.createMessageCorrelation(Messages.TRIAGED)
                .processInstanceBusinessKey(triaged.referralId())
                .setVariable(Variables.PATHWAY, triaged.pathway().name())
                .setVariable(Variables.TRIAGE_PATHWAY, triaged.pathway().name())
                .setVariable(Variables.TRIAGE_RULES, ClinicalFacts.matchedRules(triaged.rules(), triaged.reasons()))
                .correlateAllWithResult();
        if (moved.isEmpty()) {
            // The instance no longer waits for triage: it was cancelled, or took an earlier result.
            log.info("Triage result for referral {} ignored: its process no longer waits for one", triaged.referralId());
            return;
        }
        metrics.triaged(triaged.pathway(), submittedAt instanceof Date date ? date.toInstant() : null,
                ClockUtil.getCurrentTime().toInstant());
    }

    /**
     * New findings were triaged again. A more urgent pathway interrupts the care at once; any other waits for a
     * clinician's review (ReviewTriageChange). The same pathway, a revision older than one heard before, or a
     * referral whose process has ended changes nothing here. A re-triage can overtake the first triage (an urgent
     * result travels in the urgent lane): heard before the referral is on a pathway, it is the triage.
     */
    @Transactional
    public void retriaged(ReferralRetriaged retriaged) {
        KnownReferral referral = instances.lock(UUID.fromString(retriaged.referralId()));
        if (referral.cancelled()) {
            log.info("Re-triage of referral {} ignored: it was cancelled", referral.referralId());
        } else if (!referral.started()) {
            instances.triagedBeforeStart(referral.referralId(), writeTriage(retriaged.triage()));
        } else if (!running(referral.processInstanceId())) {
            reopen(referral, retriaged);
        } else {
            reroute(referral.processInstanceId(), retriaged);
        }
    }

    private void reroute(String processInstanceId, ReferralRetriaged retriaged) {
        Object pathway = runtime.getVariable(processInstanceId, Variables.PATHWAY);
        if (pathway == null) {
            moveOn(retriaged.triage());
            return;
        }
        Object newest = runtime.getVariable(processInstanceId, Variables.TRIAGE_REVISION);
        Pathway current = Pathway.valueOf((String) pathway);
        Pathway proposed = retriaged.triage().pathway();
        if (newest instanceof Integer heard && heard >= retriaged.revision() || proposed == current) {
            log.info("Re-triage {} of referral {} changes nothing: it proposes {}, the referral is on {}",
                    retriaged.revision(), retriaged.referralId(), proposed, current);
            return;
        }
        boolean atOnce = proposed.appliesAtOnceOver(current);
        var moved = runtime.createMessageCorrelation(atOnce ? Messages.MORE_URGENT_TRIAGE : Messages.LESS_URGENT_TRIAGE)
                .processInstanceId(processInstanceId)
                .setVariable(Variables.TRIAGE_REVISION, retriaged.revision())
                .setVariable(Variables.PROPOSED_PATHWAY, proposed.name())
                .setVariable(Variables.PROPOSED_RULES,
                        ClinicalFacts.matchedRules(retriaged.triage().rules(), retriaged.triage().reasons()))
                .correlateAllWithResult();
        if (moved.isEmpty()) {
            // Only the clinical lead's overdue work is left open: the referral's care itself has ended.
            log.info("Re-triage {} of referral {} changes nothing: its care has ended", retriaged.revision(),
                    retriaged.referralId());
            return;
        }
        metrics.retriaged(proposed, atOnce);
    }

    /**
     * The care ended when imaging was booked; an emergency found since cannot wait for the scan. The referral's process
     * starts again from "New findings after the care ended", with the ended instance's variables: any booking is
     * freed and the emergency handoff booked. Anything else after the end changes nothing here.
     */
    private void reopen(KnownReferral referral, ReferralRetriaged retriaged) {
        String ended = referral.processInstanceId();
        Pathway proposed = retriaged.triage().pathway();
        boolean imagingBooked = history.createHistoricActivityInstanceQuery().processInstanceId(ended)
                .activityId(Elements.IMAGING_BOOKED).count() > 0;
        if (!imagingBooked || !Pathway.URGENT_IMAGING.isLessUrgentThan(proposed)) {
            log.info("Re-triage {} of referral {} changes nothing: its process has ended", retriaged.revision(),
                    referral.referralId());
            return;
        }
        VariableMap carried = org.camunda.bpm.engine.variable.Variables.createVariables();
        history.createHistoricVariableInstanceQuery().processInstanceId(ended).list().stream()
                .filter(variable -> ended.equals(variable.getActivityInstanceId()))
                .forEach(variable -> carried.putValueTyped(variable.getName(), variable.getTypedValue()));
        carried.putValue(Variables.TRIAGE_REVISION, retriaged.revision());
        carried.putValue(Variables.PROPOSED_PATHWAY, proposed.name());
        carried.putValueTyped(Variables.PROPOSED_RULES,
                ClinicalFacts.matchedRules(retriaged.triage().rules(), retriaged.triage().reasons()));
        ProcessInstance reopened = runtime.createMessageCorrelation(Messages.CARE_REOPENED)
                .processInstanceBusinessKey(retriaged.referralId())
                .setVariables(carried)
                .correlateStartMessage();
        instances.started(referral.referralId(), reopened.getId(), ClockUtil.getCurrentTime().toInstant());
        metrics.retriaged(proposed, true);
    }

    private boolean running(String processInstanceId) {
        return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).active().count() > 0;
    }

    /** Interrupts the running instance; remembered, and reported at once, when the instance has not started yet. */
    @Transactional
    public void cancelled(ReferralCancelRequested cancel) {
        KnownReferral referral = instances.lock(UUID.fromString(cancel.referralId()));
        Instant now = ClockUtil.getCurrentTime().toInstant();
        if (!referral.started()) {
            if (!referral.cancelled()) {
                instances.cancelledBeforeStart(referral.referralId(), now);
                reportCancelled(cancel, now);
            }
            return;
        }
        if (running(referral.processInstanceId())) {
            runtime.createMessageCorrelation(Messages.CANCELLED)
                    .processInstanceId(referral.processInstanceId())
                    .setVariable(Variables.CANCEL_REASON, cancel.reason())
                    .correlate();
            return;
        }
        if (returnedToReferrer(referral.processInstanceId())) {
            // A RETURNED referral is closed: this cancellation crossed the clinician's decision, and changes nothing.
            log.info("Cancellation of referral {} ignored: it was returned to its referrer", referral.referralId());
            return;
        }
        // The process has ended (for example after booking imaging): the booking may still be freed.
        outbox.publish(new AppointmentCancelRequested(cancel.referralId(), cancel.reason()));
        reportCancelled(cancel, now);
    }

    private boolean returnedToReferrer(String processInstanceId) {
        return history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
                .variableName(Variables.RETURN_REASON).count() > 0;
    }

    private void reportCancelled(ReferralCancelRequested cancel, Instant at) {
        outbox.publish(ReferralStatusChanged.cancelled(cancel.referralId(), null, cancel.reason(), at));
    }

    private String writeTriage(ReferralTriaged triaged) {
        try {
            return objectMapper.writeValueAsString(triaged);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot keep the triage result of referral " + triaged.referralId(), e);
        }
    }

    private ReferralTriaged readTriage(String json) {
        try {
            return objectMapper.readValue(json, ReferralTriaged.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read a kept triage result: " + json, e);
        }
    }

    private Map<String, Object> startVariables(ReferralSubmitted submitted) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.REFERRAL_ID, submitted.referralId());
        Instant submittedAt = submitted.submittedAt() == null ? ClockUtil.getCurrentTime().toInstant() : submitted.submittedAt();
        variables.put(Variables.SUBMITTED_AT, Date.from(submittedAt));
        Intake intake = submitted.intake();
        Patient patient = intake.patient();
        if (patient != null) {
            variables.put(Variables.PATIENT_NAME, text(String.join(" ", nonNull(patient.givenName()), nonNull(patient.familyName())).trim()));
            variables.put(Variables.PATIENT_MRN, text(patient.mrn()));
        }
        if (intake.complaint() != null) {
            variables.put(Variables.COMPLAINT, text(complaintOf(intake)));
            variables.put(Variables.INTAKE_PAIN_SCORE, intake.complaint().painScore());
        }
        variables.put(Variables.FINDINGS, ClinicalFacts.findings(intake.findings()));
        variables.put(Variables.TRACE_PARENT, trace.startVariable());
        return variables;
    }

    /** "Lower back (lumbar), for 10 days, pain 7/10; 7 weeks of conservative care, not improving. “…”". */
    private static String complaintOf(Intake intake) {
        var complaint = intake.complaint();
        String region = complaint.region() == null ? "Unknown region" : complaint.region().label();
        StringBuilder text = new StringBuilder(region).append(", for ").append(complaint.symptomDurationDays())
                .append(complaint.symptomDurationDays() == 1 ? " day" : " days")
                .append(", pain ").append(complaint.painScore()).append("/10");
        if (intake.conservativeCareWeeks() > 0) {
            text.append("; ").append(intake.conservativeCareWeeks()).append(" weeks of conservative care");
            if (intake.improving() != null) {
                text.append(intake.improving() ? ", improving" : ", not improving");
            }
        }
        if (complaint.description() != null && !complaint.description().isBlank()) {
            text.append(". \u201c").append(complaint.description().strip()).append("\u201d");
        }
        return text.toString();
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }

    /** Camunda keeps a string variable in at most 4000 characters. */
    private static String text(String value) {
        return value == null || value.length() <= 3900 ? value : value.substring(0, 3899) + "…";
    }
}
