package health.backline.workflow.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import health.backline.events.Pathway;
import health.backline.starter.security.Role;
import health.backline.starter.web.InvalidRequestException;
import health.backline.starter.web.ProblemException;
import health.backline.workflow.camunda.CamundaIdentity;
import health.backline.workflow.referral.ReferralProcess.Variables;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The clinicians', leads' and schedulers' work: list, claim and complete human tasks. */
@Service
class HumanTasks {

    private final TaskService tasks;
    private final FormService forms;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final TaskAnswers answers;
    private final CamundaIdentity camunda;

    HumanTasks(TaskService tasks, FormService forms, RuntimeService runtime, HistoryService history,
               TaskAnswers answers, CamundaIdentity camunda) {
        this.tasks = tasks;
        this.forms = forms;
        this.runtime = runtime;
        this.history = history;
        this.answers = answers;
        this.camunda = camunda;
    }

    /** Open tasks of these queues, most urgent first: priority, then the earliest due. */
    List<TaskView> open(Collection<TaskQueue> queues, String referralId) {
        return openTasks(queues, referralId).stream().map(OpenTask::view).toList();
    }

    /** The same, each with what the queue page shows besides: the patient's name. */
    List<OpenTask> openTasks(Collection<TaskQueue> queues, String referralId) {
        TaskQuery query = tasks.createTaskQuery()
                .taskCandidateGroupIn(queues.stream().map(TaskQueue::group).toList())
                .includeAssignedTasks()
                .active();
        if (referralId != null) {
            query.processInstanceBusinessKey(referralId);
        }
        return openTasks(mostUrgentFirst(query).list());
    }

    /** The order every queue is worked in: priority, then the earliest due. */
    static TaskQuery mostUrgentFirst(TaskQuery query) {
        return query.orderByTaskPriority().desc().orderByDueDate().asc();
    }

    /**
     * One open task of this user's queues with every variable it sees (the referral's and its own),
     * for the task page; 404, 409 (done) or 403 (not your queue) as a {@link ProblemException}.
     */
    TaskDetail detail(String taskId, Set<Role> roles) {
        Task task = workable(taskId, roles);
        OpenTask open = openTasks(List.of(task)).get(0);
        return new TaskDetail(open.view(), kindOf(task), open.processInstanceId(), tasks.getVariables(taskId));
    }

    @Transactional
    TaskView claim(String taskId, String user, Set<Role> roles) {
        Task task = workable(taskId, roles);
        try {
            camunda.as(user, () -> tasks.claim(taskId, user));
        } catch (TaskAlreadyClaimedException e) {
            if (!user.equals(task.getAssignee())) {
                throw new ProblemException(HttpStatus.CONFLICT, "Task already claimed",
                        "Task " + taskId + " is claimed by " + task.getAssignee());
            }
        } catch (AuthorizationException e) {
            throw refused(e);
        }
        return openTasks(List.of(tasks.createTaskQuery().taskId(taskId).singleResult())).get(0).view();
    }

    @Transactional
    void complete(String taskId, String user, Set<Role> roles, JsonNode body) {
        Task task = workable(taskId, roles);
        if (task.getAssignee() != null && !task.getAssignee().equals(user)) {
            throw new ProblemException(HttpStatus.CONFLICT, "Task claimed by someone else",
                    "Task " + taskId + " is claimed by " + task.getAssignee());
        }
        Map<String, Object> answer = answers.variablesFrom(kindOf(task), body,
                tasks.getVariable(taskId, Variables.INTAKE_PAIN_SCORE));
        try {
            camunda.as(user, () -> {
                if (task.getAssignee() == null) {
                    tasks.claim(taskId, user);
                }
                // A form submission: the answers are written to the task itself, checked by the engine's guard.
                forms.submitTaskForm(taskId, answer);
            });
        } catch (AuthorizationException e) {
            throw refused(e);
        } catch (FormFieldValidationException e) {
            throw new InvalidRequestException("", e.getMessage());
        }
    }

    private static ProblemException refused(AuthorizationException e) {
        return new ProblemException(HttpStatus.FORBIDDEN, "Not allowed", e.getMessage());
    }

    /** The open task, if this user's roles work its queue. */
    private Task workable(String taskId, Set<Role> roles) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            boolean done = history.createHistoricTaskInstanceQuery().taskId(taskId).finished().count() > 0;
            throw done
                    ? new ProblemException(HttpStatus.CONFLICT, "Task already completed", "Task " + taskId + " is done")
                    : new ProblemException(HttpStatus.NOT_FOUND, "Task not found", "No open task has id " + taskId);
        }
        TaskQueue queue = kindOf(task).queue();
        if (roles.stream().noneMatch(queue::isWorkedBy)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "Not your queue",
                    "Task " + taskId + " is in the " + queue.group() + " queue");
        }
        return task;
    }

    private static TaskKind kindOf(Task task) {
        return TaskKind.ofKey(task.getTaskDefinitionKey()).orElseThrow(() -> new IllegalStateException(
                "Task " + task.getId() + " has unknown key " + task.getTaskDefinitionKey()));
    }

    private List<OpenTask> openTasks(List<Task> open) {
        if (open.isEmpty()) {
            return List.of();
        }
        String[] instanceIds = open.stream().map(Task::getProcessInstanceId).distinct().toArray(String[]::new);
        Map<String, String> referralOf = runtime.createProcessInstanceQuery().processInstanceIds(Set.of(instanceIds))
                .list().stream().collect(Collectors.toMap(ProcessInstance::getId, ProcessInstance::getBusinessKey));
        List<VariableInstance> variables = runtime.createVariableInstanceQuery().processInstanceIdIn(instanceIds)
                .variableNameIn(Variables.PATHWAY, Variables.PATIENT_NAME).list().stream()
                .filter(v -> v.getExecutionId().equals(v.getProcessInstanceId())).toList();
        Map<String, Object> pathwayOf = valuesOf(variables, Variables.PATHWAY);
        Map<String, Object> patientOf = valuesOf(variables, Variables.PATIENT_NAME);
        return open.stream().map(task -> {
            Object pathway = pathwayOf.get(task.getProcessInstanceId());
            Pathway path = pathway == null ? null : Pathway.valueOf((String) pathway);
            TaskView view = new TaskView(task.getId(), task.getTaskDefinitionKey(), task.getName(),
                    referralOf.get(task.getProcessInstanceId()), path, path == null ? null : path.priority(),
                    kindOf(task).queue().group(), task.getCreateTime().toInstant(),
                    task.getDueDate() == null ? null : task.getDueDate().toInstant(), task.getAssignee());
            return new OpenTask(view, task.getProcessInstanceId(), (String) patientOf.get(task.getProcessInstanceId()));
        }).toList();
    }

    private static Map<String, Object> valuesOf(List<VariableInstance> variables, String name) {
        return variables.stream().filter(v -> v.getName().equals(name) && v.getValue() != null)
                .collect(Collectors.toMap(VariableInstance::getProcessInstanceId, VariableInstance::getValue, (a, b) -> a));
    }

    /** An open task as the queue page lists it. */
    record OpenTask(TaskView view, String processInstanceId, String patientName) {
    }

    /** An open task with every variable visible to it. */
    record TaskDetail(TaskView view, TaskKind kind, String processInstanceId, Map<String, Object> variables) {
    }

}
