package health.backline.workflow.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import health.backline.starter.web.FieldProblem;
import health.backline.starter.web.InvalidRequestException;
import health.backline.workflow.referral.ReferralProcess.Variables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * What a clinician, lead or scheduler must answer to complete each kind of task (contract: Tasks): which
 * fields a kind of task has, and what makes an answer valid. The task API checks a request body with it;
 * {@link TaskWorkGuard} checks the same rules inside the engine, for answers given through any channel
 * (the task API, the queue pages, Tasklist, Camunda REST).
 *
 * <p>Process versions deployed before the guard name this bean as their tasks' complete listener
 * ({@code ${taskAnswers}}); it does nothing more there, since the guard already ran for every user task.
 */
@Component("taskAnswers")
class TaskAnswers implements TaskListener {

    private static final int MAX_TEXT = 2000;
    private static final Set<String> DECISIONS = Set.of("CONFIRM", "ESCALATE_TO_ER",
            "STEP_DOWN_TO_PHYSICAL_THERAPY", "STEP_DOWN_TO_PRIMARY_CARE");
    private static final Set<String> OUTCOMES = Set.of("IMPROVING", "NOT_IMPROVING");
    /**
     * The answers the flow reads after the task (a gateway's condition, the chosen slot): copied from the task to
     * the process when the task completes. The others (reason, note) stay with the task and its history.
     */
    static final Set<String> READ_BY_THE_FLOW = Set.of(Variables.DECISION, Variables.OUTCOME, Variables.REACHED,
            Variables.SLOT_ID);

    /** The process variables an answer sets, or every offending field. */
    Map<String, Object> variablesFrom(TaskKind kind, JsonNode body) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Object> answer = new HashMap<>();
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("", "must be a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!fieldsOf(kind).contains(field.getKey())) {
                problems.add(new FieldProblem("/" + field.getKey(), "is not an answer to " + kind.key()));
            } else if (!field.getValue().isNull()) {
                answer.put(field.getKey(), field.getValue().isBoolean() ? field.getValue().asBoolean()
                        : field.getValue().isTextual() ? field.getValue().asText() : field.getValue());
            }
        }
        problems.addAll(check(kind, answer));
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

    /** The answer fields of a kind of task: the only variables its answer may write, each local to the task. */
    static Set<String> fieldsOf(TaskKind kind) {
        return switch (kind) {
            case REVIEW_IMAGING_REFERRAL -> Set.of(Variables.DECISION, Variables.REASON);
            case REASSESS_PROGRESS -> Set.of(Variables.OUTCOME, Variables.NOTE);
            case CALL_PATIENT_TO_EMERGENCY -> Set.of(Variables.REACHED, Variables.NOTE);
            case BOOK_MANUALLY -> Set.of(Variables.SLOT_ID);
            case RESOLVE_OVERDUE_TASK -> Set.of(Variables.NOTE);
        };
    }

    /** What is wrong with an answer (its fields by name), or nothing. */
    static List<FieldProblem> check(TaskKind kind, Map<String, Object> answer) {
        List<FieldProblem> problems = new ArrayList<>();
        switch (kind) {
            case REVIEW_IMAGING_REFERRAL -> {
                Object decision = answer.get(Variables.DECISION);
                oneOf(Variables.DECISION, decision, DECISIONS, problems);
                if (!"CONFIRM".equals(decision) && isBlank(answer.get(Variables.REASON))) {
                    problems.add(new FieldProblem("/reason", "is required unless the decision is CONFIRM"));
                }
                text(Variables.REASON, answer.get(Variables.REASON), problems);
            }
            case REASSESS_PROGRESS -> {
                oneOf(Variables.OUTCOME, answer.get(Variables.OUTCOME), OUTCOMES, problems);
                text(Variables.NOTE, answer.get(Variables.NOTE), problems);
            }
            case CALL_PATIENT_TO_EMERGENCY -> {
                if (!(answer.get(Variables.REACHED) instanceof Boolean)) {
                    problems.add(new FieldProblem("/reached", "is required: true or false"));
                }
                text(Variables.NOTE, answer.get(Variables.NOTE), problems);
            }
            case BOOK_MANUALLY -> {
                if (!isUuid(answer.get(Variables.SLOT_ID))) {
                    problems.add(new FieldProblem("/slotId", "is required: the id of a free slot"));
                }
            }
            case RESOLVE_OVERDUE_TASK -> text(Variables.NOTE, answer.get(Variables.NOTE), problems);
        }
        return problems;
    }

    private static void oneOf(String name, Object value, Set<String> allowed, List<FieldProblem> problems) {
        if (!(value instanceof String text) || !allowed.contains(text)) {
            problems.add(new FieldProblem("/" + name, "is required: one of " + String.join(", ", allowed.stream().sorted().toList())));
        }
    }

    private static void text(String name, Object value, List<FieldProblem> problems) {
        if (value != null && (!(value instanceof String text) || text.length() > MAX_TEXT)) {
            problems.add(new FieldProblem("/" + name, "must be text of at most " + MAX_TEXT + " characters"));
        }
    }

    private static boolean isBlank(Object value) {
        return !(value instanceof String text) || text.isBlank();
    }

    private static boolean isUuid(Object value) {
        try {
            return value instanceof String text && UUID.fromString(text) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
