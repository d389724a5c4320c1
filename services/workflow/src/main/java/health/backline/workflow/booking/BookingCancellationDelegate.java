package health.backline.workflow.booking;

import health.backline.events.payload.AppointmentCancelRequested;
import health.backline.starter.outbox.EventOutbox;
import health.backline.workflow.referral.ReferralProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Ask scheduling to cancel any booking" ({@code ${bookingCancellation}}): when the referral is cancelled, returned
 * to its referrer, or moves to a new pathway after new findings.
 */
@Component("bookingCancellation")
class BookingCancellationDelegate implements JavaDelegate {

    private final EventOutbox outbox;

    BookingCancellationDelegate(EventOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void execute(DelegateExecution execution) {
        outbox.publish(new AppointmentCancelRequested(execution.getBusinessKey(), reasonOf(execution)));
    }

    /** Why the slot goes: the cancellation's reason, the return's, or the new pathway. */
    private static String reasonOf(DelegateExecution execution) {
        Object cancelled = execution.getVariable(Variables.CANCEL_REASON);
        Object returned = execution.getVariable(Variables.RETURN_REASON);
        if (cancelled != null) {
            return (String) cancelled;
        }
        return returned != null ? "Returned to the referrer: " + returned
                : "New findings: the referral moves to " + execution.getVariable(Variables.PATHWAY);
    }
}
