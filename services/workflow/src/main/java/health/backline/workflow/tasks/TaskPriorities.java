package health.backline.workflow.tasks;

import health.backline.events.Pathway;
import java.util.ArrayList;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * A human task's priority, and a job's, follows its referral's pathway: task queues list the most urgent first,
 * and the job executor takes the most urgent due jobs first. Every user task gets {@link #EXPRESSION} as it is
 * parsed, unless the BPMN gives it a {@code camunda:priority} of its own (process versions deployed before this
 * did, each task a copy); the process's {@code camunda:jobPriority} names the same bean.
 */
@Component("taskPriorities")
public class TaskPriorities extends AbstractProcessEnginePlugin {

    /** The one priority rule of every human task. */
    static final String EXPRESSION = "${taskPriorities.of(execution.getVariable(\"pathway\"))}";

    /** The pathway may not be known yet (triage overdue); the expression language passes that as "". */
    public int of(String pathway) {
        if (pathway == null || pathway.isBlank()) {
            return 50;
        }
        return switch (Pathway.valueOf(pathway)) {
            case ER_REFERRAL -> 100;
            case URGENT_IMAGING -> 75;
            case PHYSICAL_THERAPY, PRIMARY_CARE_FOLLOW_UP -> 50;
        };
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreBPMNParseListeners() == null) {
            configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPreBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
                    TaskDefinition task = behavior.getTaskDefinition();
                    if (task.getPriorityExpression() == null) {
                        task.setPriorityExpression(configuration.getExpressionManager().createExpression(EXPRESSION));
                    }
                }
            }
        });
    }
}
