package health.backline.workflow.booking;

import health.backline.events.payload.AppointmentCancelRequested;
import health.backline.starter.outbox.EventOutbox;
import health.backline.workflow.referral.ReferralProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Ask scheduling to cancel any booking" ({@code ${bookingCancellation}}): when the referral is cancelled, or
 * returned to its referrer.
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

    /** A returned referral has no cancellation reason: its return reason says why the slot goes. */
    private static String reasonOf(DelegateExecution execution) {
        Object returned = execution.getVariable(Variables.RETURN_REASON);
        return returned == null ? (String) execution.getVariable(Variables.CANCEL_REASON)
                : "Returned to the referrer: " + returned;
    }
}
