package health.backline.workflow.audit;

import health.backline.starter.audit.AuditTrail;
import health.backline.workflow.referral.ReferralProcess.Variables;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every task decision goes into the audit trail, however it was made (task API, queue page or
 * Camunda Tasklist): Camunda publishes each task event to Spring, in the engine's transaction.
 */
@Component
class TaskDecisionAudit {

    private static final List<String> ANSWERS = List.of(Variables.DECISION, Variables.OUTCOME, Variables.REACHED,
            Variables.SLOT_ID, Variables.REASON, Variables.NOTE);

    private final AuditTrail audit;

    TaskDecisionAudit(AuditTrail audit) {
        this.audit = audit;
    }

    @EventListener(condition = "#task.eventName == '" + TaskListener.EVENTNAME_COMPLETE + "'")
    public void completed(DelegateTask task) {
        audit.record(actorOf(task), "TASK_COMPLETED", task.getExecution().getBusinessKey(),
                task.getTaskDefinitionKey() + ": " + ANSWERS.stream()
                        .filter(name -> task.getVariableLocal(name) != null || task.getVariable(name) != null)
                        .map(name -> name + "=" + task.getVariable(name))
                        .collect(Collectors.joining(", ")));
    }

    private static String actorOf(DelegateTask task) {
        if (task.getAssignee() != null) {
            return task.getAssignee();
        }
        var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication == null ? "unknown" : Objects.toString(authentication.getUserId(), "unknown");
    }
}
