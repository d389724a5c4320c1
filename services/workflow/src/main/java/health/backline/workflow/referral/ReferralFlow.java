package health.backline.workflow.referral;

import health.backline.events.ReferralStatus;
import health.backline.events.outbox.EventOutbox;
import health.backline.events.payload.AppointmentCancelRequested;
import health.backline.events.payload.ReferralCancelRequested;
import health.backline.events.payload.ReferralStatusChanged;
import health.backline.events.payload.ReferralSubmitted;
import health.backline.events.payload.ReferralTriaged;
import health.backline.workflow.referral.ReferralProcess.Messages;
import health.backline.workflow.referral.ReferralProcess.Variables;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the referral events do to the process: a submitted referral starts the one instance it may
 * have, a triage result moves it on, a cancellation interrupts it wherever it is. A message that
 * arrives before the process waits for it fails here and is retried by the Kafka error handler.
 */
@Service
public class ReferralFlow {

    private static final Logger log = LoggerFactory.getLogger(ReferralFlow.class);

    private final RuntimeService runtime;
    private final ReferralInstances instances;
    private final ProcessSettings settings;
    private final EventOutbox outbox;

    ReferralFlow(RuntimeService runtime, ReferralInstances instances, ProcessSettings settings, EventOutbox outbox) {
        this.runtime = runtime;
        this.instances = instances;
        this.settings = settings;
        this.outbox = outbox;
    }

    @Transactional
    public void submitted(ReferralSubmitted submitted) {
        UUID referralId = UUID.fromString(submitted.referralId());
        if (!instances.claim(referralId, ClockUtil.getCurrentTime().toInstant())) {
            log.info("Referral {} already has its process instance", referralId);
            return;
        }
        ProcessInstance instance = runtime.createMessageCorrelation(Messages.SUBMITTED)
                .processInstanceBusinessKey(submitted.referralId())
                .setVariables(startVariables(submitted.referralId()))
                .correlateStartMessage();
        instances.started(referralId, instance.getId());
    }

    @Transactional
    public void triaged(ReferralTriaged triaged) {
        runtime.createMessageCorrelation(Messages.TRIAGED)
                .processInstanceBusinessKey(triaged.referralId())
                .setVariable(Variables.PATHWAY, triaged.pathway().name())
                .setVariable(Variables.TRIAGE_PATHWAY, triaged.pathway().name())
                .setVariable(Variables.TRIAGE_RULES, String.join(", ", triaged.rules()))
                .correlate();
    }

    @Transactional
    public void cancelled(ReferralCancelRequested cancel) {
        boolean running = runtime.createProcessInstanceQuery().processDefinitionKey(ReferralProcess.KEY)
                .processInstanceBusinessKey(cancel.referralId()).active().count() > 0;
        if (running) {
            runtime.createMessageCorrelation(Messages.CANCELLED)
                    .processInstanceBusinessKey(cancel.referralId())
                    .setVariable(Variables.CANCEL_REASON, cancel.reason())
                    .correlate();
            return;
        }
        // The process has ended (for example after booking imaging): the booking may still be freed.
        outbox.publish(new AppointmentCancelRequested(cancel.referralId(), cancel.reason()));
        outbox.publish(new ReferralStatusChanged(cancel.referralId(), ReferralStatus.CANCELLED, null,
                "Referral cancelled: " + cancel.reason(), ClockUtil.getCurrentTime().toInstant()));
    }

    private Map<String, Object> startVariables(String referralId) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.REFERRAL_ID, referralId);
        variables.put("triageDeadline", iso(settings.triageDeadline()));
        variables.put("reviewDeadline", iso(settings.reviewDeadline()));
        variables.put("callDeadline", iso(settings.callDeadline()));
        variables.put("reassessDeadline", iso(settings.reassessDeadline()));
        variables.put("bookingDeadline", iso(settings.bookingDeadline()));
        variables.put("leadDeadline", iso(settings.leadDeadline()));
        return variables;
    }

    private static String iso(Duration duration) {
        return duration.toString();
    }
}
