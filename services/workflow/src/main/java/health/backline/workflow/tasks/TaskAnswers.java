package health.backline.workflow.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import health.backline.starter.web.FieldProblem;
import health.backline.starter.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * A task API request body read as an answer: only the fields its kind of task asks for ({@link TaskKind},
 * {@link AnswerField}), each valid. The task API checks a request body with it;
 * {@link TaskWorkGuard} checks the same rules inside the engine, for answers given through any channel
 * (the task API, the queue pages, Tasklist, Camunda REST).
 *
 * <p>Process versions deployed before the guard name this bean as their tasks' complete listener
 * ({@code ${taskAnswers}}); it does nothing more there, since the guard already ran for every user task.
 */
@Component("taskAnswers")
class TaskAnswers implements TaskListener {

    /** The answers the flow reads after the task: copied from the task to the process when the task completes. */
    static final Set<String> READ_BY_THE_FLOW = readByTheFlow();

    /** The process variables an answer sets, or every offending field. */
    Map<String, Object> variablesFrom(TaskKind kind, JsonNode body) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Object> answer = new HashMap<>();
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("", "must be a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!kind.answerVariables().contains(field.getKey())) {
                problems.add(new FieldProblem("/" + field.getKey(), "is not an answer to " + kind.key()));
            } else if (!field.getValue().isNull()) {
                answer.put(field.getKey(), field.getValue().isBoolean() ? field.getValue().asBoolean()
                        : field.getValue().isTextual() ? field.getValue().asText() : field.getValue());
            }
        }
        problems.addAll(kind.problemsWith(answer));
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return answer;
    }

    /** Kept for process versions that name {@code ${taskAnswers}}: {@link TaskWorkGuard} checks every user task. */
    @Override
    public void notify(DelegateTask task) {
        // nothing more to check: the guard, a built-in listener of every user task, ran before
    }

    private static Set<String> readByTheFlow() {
        return Arrays.stream(AnswerField.values()).filter(AnswerField::readByTheFlow).map(AnswerField::variable)
                .collect(Collectors.toUnmodifiableSet());
    }
}
