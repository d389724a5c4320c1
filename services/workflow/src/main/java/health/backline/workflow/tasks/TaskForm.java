package health.backline.workflow.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.backline.starter.web.FieldProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;

/** A task page's answer form as typed: its fields for the kind of task, the API body they make, their errors. */
record TaskForm(Map<String, String> values) {

    /** The form's fields for this kind of task, as typed; anything else the browser sent is not read. */
    static TaskForm of(TaskKind kind, MultiValueMap<String, String> params) {
        Map<String, String> values = new LinkedHashMap<>();
        for (AnswerField field : kind.fields()) {
            String value = field == AnswerField.START_BACK ? startBackOf(params.get(field.variable()))
                    : params.getFirst(field.variable());
            if (value != null) {
                values.put(field.variable(), value);
            }
        }
        return new TaskForm(values);
    }

    /** The task API's request body for the form: blank fields are left out. */
    JsonNode body() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        values.forEach((variable, value) -> {
            if (value != null && !value.isBlank()) {
                Object typed = AnswerField.ofVariable(variable).orElseThrow().fromForm(value);
                body.set(variable, typed instanceof JsonNode node ? node : typed instanceof Boolean yes ? body.booleanNode(yes)
                        : typed instanceof Long number ? body.numberNode(number) : body.textNode(typed.toString()));
            }
        });
        return body;
    }

    /**
     * The page asks the nine STarT Back items as nine yes/no choices of one name, in order: kept as one text of a
     * letter each, "y", "n" or "-" (not answered), so the form can show them again; blank when none is answered.
     */
    private static String startBackOf(List<String> items) {
        if (items == null || items.stream().allMatch(item -> item == null || item.isBlank())) {
            return null;
        }
        StringBuilder letters = new StringBuilder();
        items.forEach(item -> letters.append("true".equals(item) ? 'y' : "false".equals(item) ? 'n' : '-'));
        return letters.toString();
    }

    /** "reason" → "Reason is required unless the decision is CONFIRM", by form field. */
    static Map<String, String> errorsOf(List<FieldProblem> problems) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldProblem problem : problems) {
            String pointer = problem.pointer().startsWith("/") ? problem.pointer().substring(1) : problem.pointer();
            String field = pointer.contains("/") ? pointer.substring(0, pointer.indexOf('/')) : pointer; // startBack/answers
            String label = AnswerField.ofVariable(field).map(AnswerField::label).orElse("The answer");
            errors.merge(field, label + " " + problem.detail(), (a, b) -> a + "; " + b);
        }
        return errors;
    }
}
