package health.backline.workflow.tasks;

import health.backline.starter.web.FieldProblem;
import health.backline.workflow.referral.ReferralProcess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.CachedDbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityCache;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityState;
import org.camunda.bpm.engine.impl.form.FormFieldImpl;
import org.camunda.bpm.engine.impl.form.handler.TaskFormHandler;
import org.camunda.bpm.engine.impl.form.type.AbstractFormFieldType;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyChange;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * The rules of human work, inside the engine, so they hold whatever the channel: the task API, the queue pages,
 * Camunda Tasklist ({@code /camunda/api/engine/.../task/{id}/submit-form}) or Camunda REST. Every user task of
 * every deployed process gets them when it is parsed (built-in listeners, which no {@code skipCustomListeners}
 * skips, and a form handler in front of its own). See docs/adr/0012-task-work-inside-the-engine.md.
 *
 * <ul>
 *   <li><b>Only answers, only on the task.</b> A form submission may carry only the fields the task's kind defines
 *   ({@link TaskKind#answerVariables}); they are written to the task itself (task-local). Anything else (a
 *   {@code pathway}, a patient's name) is refused, 400, before anything is written. When the task completes, every
 *   variable written in that command must be one of those answers, local to that task; otherwise the whole
 *   command is refused (403) and nothing changes. So answers never leak from one round of a task into the next.</li>
 *   <li><b>Only valid answers.</b> The task-local answers must pass {@link TaskAnswers#check} (400).</li>
 *   <li><b>Only the signed-in worker.</b> A task is completed by a signed-in user of its candidate groups (the
 *   queue), and only by its assignee when it has one: never by an admin, never a colleague's claimed task (403).
 *   Claiming is for oneself; unclaiming for one's own claim. Nobody reassigns a task.</li>
 *   <li><b>Then the flow.</b> The answers the flow reads ({@link TaskAnswers#READ_BY_THE_FLOW}) are copied to the
 *   process when the task completes; the others stay with the task and its history, but for what the kind keeps on
 *   the process ({@link TaskKind#keptOnTheProcess}: a returned referral's reason).</li>
 * </ul>
 *
 * <p>The engine wraps an exception thrown by a task listener; {@link Refusals}, the outermost command
 * interceptor, unwraps a refusal again, so Camunda REST answers 403 or 400 instead of 500.
 */
@Component
public class TaskWorkGuard extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreBPMNParseListeners() == null) {
            configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPreBPMNParseListeners().add(new EveryUserTask());
        List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
        interceptors.add(0, new Refusals());
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    /** A task's work refused: who is not allowed, or what may not be written. Camunda REST answers 403. */
    static final class TaskWorkRefused extends AuthorizationException {
        TaskWorkRefused(String message) {
            super(message);
        }
    }

    /** An answer that breaks its kind's rules. Camunda REST answers 400. */
    static final class InvalidAnswer extends FormFieldValidationException {
        InvalidAnswer(Object detail, String message) {
            super(detail, message);
        }
    }

    /** Gives each user task, when its process is deployed or loaded, the guard's listeners and form handler. */
    static final class EveryUserTask extends AbstractBpmnParseListener {

        @Override
        public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
            if (!(activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior)) {
                return;
            }
            Optional<TaskKind> kind = TaskKind.ofKey(activity.getId());
            Set<String> answers = kind.map(TaskKind::answerVariables).orElseGet(() -> declaredFields(element));
            TaskDefinition definition = behavior.getTaskDefinition();
            definition.setTaskFormHandler(new AnswersOnly(definition.getTaskFormHandler(), activity.getId(), kind, answers));
            Rules rules = new Rules(kind, answers);
            definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, rules::created);
            definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, rules::completing);
            definition.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, rules::assigning);
        }

        /** The {@code camunda:formField} ids of a task the contract does not know: its answers are its form. */
        private static Set<String> declaredFields(Element element) {
            Set<String> fields = new LinkedHashSet<>();
            Element extensions = element.element("extensionElements");
            Element formData = extensions == null ? null : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formData");
            if (formData != null) {
                formData.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formField")
                        .forEach(field -> fields.add(field.attribute("id")));
            }
            return Set.copyOf(fields);
        }
    }

    /**
     * In front of a task's own form handler: a submission with any field that is not an answer, or with an invalid
     * answer, is refused before anything is written; the answers are then written to the task itself.
     */
    record AnswersOnly(TaskFormHandler form, String taskKey, Optional<TaskKind> kind, Set<String> answers)
            implements TaskFormHandler {

        /**
         * The form as Camunda makes it, with each answer field showing the task's own answer: Camunda reads a form
         * field's value from the execution, where an earlier round's decision (the flow's copy) would prefill it.
         */
        @Override
        public TaskFormData createTaskForm(TaskEntity task) {
            TaskFormData data = form.createTaskForm(task);
            for (FormField field : data.getFormFields()) {
                if (answers.contains(field.getId()) && field instanceof FormFieldImpl own
                        && own.getType() instanceof AbstractFormFieldType type) {
                    TypedValue answered = task.getVariableLocalTyped(field.getId());
                    own.setValue(answered != null && answered.getValue() != null ? type.convertToFormValue(answered)
                            : type.convertToFormValue(type.convertToModelValue(Variables.untypedValue(own.getDefaultValue()))));
                }
            }
            return data;
        }

        @Override
        public void parseConfiguration(Element activityElement, DeploymentEntity deployment,
                                       ProcessDefinitionEntity processDefinition, BpmnParse bpmnParse) {
            form.parseConfiguration(activityElement, deployment, processDefinition, bpmnParse);
        }

        @Override
        public void submitFormVariables(VariableMap properties, VariableScope scope) {
            Set<String> others = new TreeSet<>(properties.keySet());
            others.removeAll(answers);
            if (!others.isEmpty()) {
                throw new InvalidAnswer(List.copyOf(others), "Not answers to " + taskKey + ": " + others
                        + ". Its answers are " + new TreeSet<>(answers) + "; nothing was changed");
            }
            if (kind.isPresent()) {
                Map<String, Object> answer = new HashMap<>();
                answers.forEach(name -> answer.put(name, properties.get(name)));
                refuseInvalid(kind.get(), answer, scope.getVariable(ReferralProcess.Variables.INTAKE_PAIN_SCORE));
            }
            if (scope instanceof TaskEntity task) {
                // The form's own handler sets each field where it is found first: on the task, once it is there
                // (tasks created before the guard have no empty answers of their own yet).
                properties.keySet().stream().filter(name -> !task.hasVariableLocal(name))
                        .forEach(name -> task.setVariableLocal(name, null));
            }
            form.submitFormVariables(properties, scope);
        }
    }

    /** The listeners: who may complete or claim, and what a completion may have written. */
    record Rules(Optional<TaskKind> kind, Set<String> answers) {

        /**
         * A new task starts with its own, empty answers: they hide what an earlier round left on the process (the
         * flow's copy of a decision), so neither Tasklist's form nor a check sees it, and a submission writes here.
         */
        void created(DelegateTask task) {
            answers.forEach(name -> task.setVariableLocal(name, null));
        }

        void completing(DelegateTask delegate) {
            TaskEntity task = (TaskEntity) delegate;
            String actor = signedIn().orElseThrow(() -> new TaskWorkRefused(
                    "Task " + task.getId() + " is completed by a signed-in user; nothing was changed"));
            if (task.getAssignee() != null && !task.getAssignee().equals(actor)) {
                throw new TaskWorkRefused("Task " + task.getId() + " is claimed by " + task.getAssignee()
                        + ": only they may complete it; nothing was changed");
            }
            if (!isCandidate(task)) {
                throw new TaskWorkRefused(actor + " does not work the queue of task " + task.getId()
                        + "; nothing was changed");
            }
            Set<String> written = writtenBesideTheAnswers(task);
            if (!written.isEmpty()) {
                throw new TaskWorkRefused("Completing task " + task.getId() + " may write only its answers "
                        + new TreeSet<>(answers) + ", on the task; it also wrote " + written + ". Nothing was changed");
            }
            Map<String, Object> answer = new HashMap<>();
            answers.forEach(name -> answer.put(name, task.getVariableLocal(name)));
            kind.ifPresent(known -> refuseInvalid(known, answer,
                    task.getVariable(ReferralProcess.Variables.INTAKE_PAIN_SCORE)));
            ExecutionEntity execution = task.getExecution();
            if (execution != null) {
                for (String name : TaskAnswers.READ_BY_THE_FLOW) {
                    Object value = answer.get(name);
                    if (value != null) {
                        execution.setVariable(name, value);
                    }
                }
                kind.ifPresent(known -> known.keptOnTheProcess(answer).forEach(execution::setVariable));
            }
        }

        void assigning(DelegateTask delegate) {
            TaskEntity task = (TaskEntity) delegate;
            Optional<String> signedIn = signedIn();
            if (signedIn.isEmpty() || Context.getCommandContext().getDbEntityManager().getDbEntityCache().isTransient(task)) {
                return; // the engine itself, or a task being created with its assignee
            }
            String actor = signedIn.get();
            PropertyChange change = task.getPropertyChanges().get(TaskEntity.ASSIGNEE);
            String before = change == null ? null : (String) change.getOrgValue();
            String after = task.getAssignee();
            boolean claimsForSelf = before == null && actor.equals(after) && isCandidate(task);
            boolean unclaimsOwn = after == null && actor.equals(before);
            if (!claimsForSelf && !unclaimsOwn) {
                throw new TaskWorkRefused(actor + " may not assign task " + task.getId() + " to "
                        + (after == null ? "nobody" : after) + (before == null ? "" : " (claimed by " + before + ")")
                        + ": a worker claims a task for themselves; nothing was changed");
            }
        }

        /**
         * Every variable this command has written so far (created, changed or removed, in the engine's entity cache;
         * transient ones on the task and its executions) that is not one of the answers, local to this task.
         */
        private Set<String> writtenBesideTheAnswers(TaskEntity task) {
            Set<String> written = new TreeSet<>();
            DbEntityCache cache = Context.getCommandContext().getDbEntityManager().getDbEntityCache();
            for (VariableInstanceEntity variable : cache.getEntitiesByType(VariableInstanceEntity.class)) {
                CachedDbEntity cached = cache.getCachedEntity(variable);
                boolean changed = cached == null || cached.getEntityState() != DbEntityState.PERSISTENT || cached.isDirty();
                if (changed && !(task.getId().equals(variable.getTaskId()) && answers.contains(variable.getName()))) {
                    written.add(variable.getName());
                }
            }
            transientIn(task, written);
            for (ExecutionEntity execution = task.getExecution(); execution != null; execution = execution.getParent()) {
                transientIn(execution, written);
            }
            return written;
        }

        private static void transientIn(VariableScope scope, Set<String> written) {
            VariableMap variables = scope.getVariablesLocalTyped(false);
            for (String name : variables.keySet()) {
                TypedValue value = variables.getValueTyped(name);
                if (value != null && value.isTransient()) {
                    written.add(name);
                }
            }
        }

        private static boolean isCandidate(TaskEntity task) {
            Authentication authentication = Context.getCommandContext().getAuthentication();
            List<String> groups = authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
            for (IdentityLink link : task.getCandidates()) {
                if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
                    continue;
                }
                if ((link.getGroupId() != null && groups.contains(link.getGroupId()))
                        || (link.getUserId() != null && link.getUserId().equals(authentication.getUserId()))) {
                    return true;
                }
            }
            return false;
        }
    }

    private static Optional<String> signedIn() {
        Authentication authentication = Context.getCommandContext().getAuthentication();
        return authentication == null ? Optional.empty() : Optional.ofNullable(authentication.getUserId());
    }

    private static void refuseInvalid(TaskKind kind, Map<String, Object> answer, Object intakePainScore) {
        List<FieldProblem> problems = kind.problemsWith(answer, intakePainScore);
        if (!problems.isEmpty()) {
            throw new InvalidAnswer(problems.stream().map(p -> p.pointer().substring(1)).toList(),
                    problems.stream().map(p -> p.pointer().substring(1) + " " + p.detail()).toList()
                            + "; nothing was changed");
        }
    }

    /**
     * The outermost command interceptor (outside the transaction, which has rolled back by then): a refusal thrown by
     * a task listener reaches the caller as itself, not wrapped in the engine's "exception while invoking
     * TaskListener", so Camunda REST answers 403 (refused) or 400 (invalid answer).
     */
    static final class Refusals extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            try {
                return next.execute(command);
            } catch (ProcessEngineException e) {
                for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                    if (cause instanceof TaskWorkRefused || cause instanceof InvalidAnswer) {
                        throw (ProcessEngineException) cause;
                    }
                }
                throw e;
            }
        }
    }
}
