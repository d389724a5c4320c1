package health.backline.workflow.booking;

import health.backline.events.Pathway;
import health.backline.events.payload.AppointmentRequested;
import health.backline.starter.outbox.EventOutbox;
import health.backline.workflow.referral.ProcessSettings;
import health.backline.workflow.referral.ReferralProcess.Variables;
import java.time.Instant;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Ask scheduling for an appointment" ({@code ${appointmentRequest}}): the earliest slot on the
 * referral's pathway within its booking window, or the slot a scheduler chose by hand.
 */
@Component("appointmentRequest")
class AppointmentRequestDelegate implements JavaDelegate {

    private final EventOutbox outbox;
    private final ProcessSettings settings;

    AppointmentRequestDelegate(EventOutbox outbox, ProcessSettings settings) {
        this.outbox = outbox;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Pathway pathway = Pathway.valueOf((String) execution.getVariable(Variables.PATHWAY));
        Object chosenSlot = execution.getVariable(Variables.SLOT_ID);
        if (chosenSlot != null) {
            execution.removeVariable(Variables.SLOT_ID);
            outbox.publish(AppointmentRequested.slot(execution.getBusinessKey(), pathway,
                    UUID.fromString(chosenSlot.toString())));
            return;
        }
        Instant now = ClockUtil.getCurrentTime().toInstant();
        outbox.publish(AppointmentRequested.earliestBefore(execution.getBusinessKey(), pathway,
                now.plus(settings.bookingWindow(pathway))));
    }
}
