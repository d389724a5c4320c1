package health.backline.workflow.outcomes;

import health.backline.events.payload.StartBackScoring;
import health.backline.workflow.referral.ReferralProcess.Elements;
import health.backline.workflow.referral.ReferralProcess.Variables;
import health.backline.workflow.tasks.PainImprovement;
import health.backline.workflow.tasks.StartBackItems;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Records every completed {@code ReassessProgress} in the {@code reassessment} table, inside the engine's transaction
 * that completes it, whatever the channel (task API, queue page, Tasklist, Camunda REST): a built-in listener, added
 * after {@code TaskWorkGuard}'s, so it runs once the answers are checked. Idempotent per task.
 */
@Component
class ReassessmentRecorder extends AbstractProcessEnginePlugin {

    private final Reassessments reassessments;
    private final OutcomeMetrics metrics;

    ReassessmentRecorder(Reassessments reassessments, OutcomeMetrics metrics) {
        this.reassessments = reassessments;
        this.metrics = metrics;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (Elements.REASSESS_PROGRESS.equals(activity.getId())
                        && activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
                    behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, ReassessmentRecorder.this::completed);
                }
            }
        });
    }

    void completed(DelegateTask task) {
        DelegateExecution execution = task.getExecution();
        Integer baseline = PainImprovement.score(execution.getVariable(Variables.INTAKE_PAIN_SCORE)).orElse(null);
        Integer pain = PainImprovement.score(task.getVariableLocal(Variables.PAIN_SCORE)).orElse(null);
        Optional<List<Boolean>> startBack = StartBackItems.of(task.getVariableLocal(Variables.START_BACK));
        String outcome = String.valueOf(task.getVariableLocal(Variables.OUTCOME));
        String pathway = String.valueOf(execution.getVariable(Variables.PATHWAY));
        Authentication signedIn = Context.getCommandContext().getAuthentication();
        Object note = task.getVariableLocal(Variables.NOTE);
        Reassessment reassessment = new Reassessment(task.getId(), execution.getProcessBusinessKey(), pathway,
                ClockUtil.getCurrentTime().toInstant(), signedIn == null ? null : signedIn.getUserId(), outcome,
                PainImprovement.outcome(baseline, pain).map(Enum::name).orElse(null),
                note == null ? null : note.toString(), baseline, pain, PainImprovement.change(baseline, pain).orElse(null),
                startBack.orElse(null), startBack.map(StartBackScoring::score).orElse(null));
        if (reassessments.record(reassessment)) {
            metrics.reassessed(reassessment);
        }
    }
}
