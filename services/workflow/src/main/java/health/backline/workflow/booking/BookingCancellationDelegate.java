package health.backline.workflow.booking;

import health.backline.events.payload.AppointmentCancelRequested;
import health.backline.starter.outbox.EventOutbox;
import health.backline.workflow.referral.ReferralProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Ask scheduling to cancel any booking" ({@code ${bookingCancellation}}). */
@Component("bookingCancellation")
class BookingCancellationDelegate implements JavaDelegate {

    private final EventOutbox outbox;

    BookingCancellationDelegate(EventOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void execute(DelegateExecution execution) {
        outbox.publish(new AppointmentCancelRequested(execution.getBusinessKey(),
                (String) execution.getVariable(Variables.CANCEL_REASON)));
    }
}
