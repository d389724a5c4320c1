package health.backline.workflow.referral;

import health.backline.events.Pathway;
import health.backline.events.ReferralStatus;
import health.backline.events.payload.ReferralStatusChanged;
import health.backline.starter.outbox.EventOutbox;
import health.backline.workflow.referral.ReferralProcess.Variables;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * The "status" milestones of the process ({@code ${referralStatus}}): each announces the
 * referral's new status on {@code referrals.status}, through the outbox, in the engine's transaction.
 */
@Component("referralStatus")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE) // the engine injects the milestone's fields into this instance
class ReferralStatusPublisher implements JavaDelegate {

    private final EventOutbox outbox;

    /** Injected per milestone from the BPMN's {@code camunda:field}. */
    private Expression status;
    private Expression detail;
    /** On the milestones before a human task: the task's deadline, an ISO-8601 duration from now. */
    private Expression due;

    ReferralStatusPublisher(EventOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ReferralStatus newStatus = ReferralStatus.valueOf((String) status.getValue(execution));
        Object variable = execution.getVariable(Variables.PATHWAY);
        Pathway pathway = variable == null ? null : Pathway.valueOf((String) variable);
        Instant now = ClockUtil.getCurrentTime().toInstant();
        outbox.publish(newStatus == ReferralStatus.CANCELLED
                ? ReferralStatusChanged.cancelled(execution.getBusinessKey(), pathway,
                        (String) execution.getVariable(Variables.CANCEL_REASON), now)
                : new ReferralStatusChanged(execution.getBusinessKey(), newStatus, pathway,
                        detailOf(newStatus, (String) detail.getValue(execution), execution), now,
                        due == null ? null : now.plus(Duration.parse((String) due.getValue(execution)))));
    }

    private static String detailOf(ReferralStatus status, String milestone, DelegateExecution execution) {
        return switch (status) {
            case TRIAGED -> milestone + " " + execution.getVariable(Variables.TRIAGE_PATHWAY) + " ("
                    + ClinicalFacts.matchedRulesOf(execution.getVariable(Variables.TRIAGE_RULES)).stream()
                            .map(ClinicalFacts.MatchedRule::rule).collect(Collectors.joining(", ")) + ")";
            case SCHEDULED -> "Booked: " + execution.getVariable(Variables.APPOINTMENT_LOCATION)
                    + ", " + execution.getVariable(Variables.APPOINTMENT_START);
            case BOOKING_FAILED -> milestone + " (" + execution.getVariable(Variables.BOOKING_FAILURE) + ")";
            // The reason itself, as the referrer reads it: intake keeps it as the view's returnReason.
            case RETURNED -> (String) execution.getVariable(Variables.RETURN_REASON);
            default -> milestone;
        };
    }
}
