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

    /**
     * The process variables an answer sets, or every offending field. {@code intakePainScore}: the referral's
     * baseline, against which a reassessment's outcome is checked ({@link TaskKind#problemsWith}).
     */
    Map<String, Object> variablesFrom(TaskKind kind, JsonNode body, Object intakePainScore) {
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
                answer.put(field.getKey(), valueOf(field.getValue()));
            }
        }
        problems.addAll(kind.problemsWith(answer, intakePainScore));
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        // Kept as the JSON it was sent as (a Spin json variable), now that it is known to hold nine answers.
        answer.computeIfPresent(AnswerField.START_BACK.variable(),
                (name, value) -> StartBackItems.variable(StartBackItems.of(value).orElseThrow()));
        return answer;
    }

    /** A JSON value as the engine keeps it: yes/no, text, a whole number (Tasklist's long), else the JSON itself. */
    private static Object valueOf(JsonNode value) {
        return value.isBoolean() ? value.asBoolean() : value.isTextual() ? value.asText()
                : value.isIntegralNumber() && value.canConvertToLong() ? value.asLong() : value;
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
