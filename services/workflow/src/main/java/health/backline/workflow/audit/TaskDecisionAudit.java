package health.backline.workflow.audit;

import health.backline.starter.audit.AuditTrail;
import health.backline.workflow.referral.ReferralProcess.Variables;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every task decision goes into the audit trail, however it was made (task API, queue page or
 * Camunda Tasklist): Camunda publishes each task event to Spring, in the engine's transaction.
 *
 * <p>The actor is the user signed in to the engine for that command (Tasklist signs its users in; the task API,
 * the queue pages and Camunda REST sign theirs in through {@code CamundaIdentity}), never the task's assignee, which
 * anyone allowed to assign could set. The answers are the task's own (task-local) variables, so a second round of a
 * task never shows the first round's answers. The engine's task guard has refused by then any completion by someone
 * else than the assignee, or by nobody signed in.
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
                        .filter(name -> task.getVariableLocal(name) != null)
                        .map(name -> name + "=" + task.getVariableLocal(name))
                        .collect(Collectors.joining(", ")));
    }

    private static String actorOf(DelegateTask task) {
        Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication == null || authentication.getUserId() == null ? "unknown" : authentication.getUserId();
    }
}
