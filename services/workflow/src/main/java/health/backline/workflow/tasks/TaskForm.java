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
            String value = params.getFirst(field.variable());
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
                body.set(variable, typed instanceof Boolean yes ? body.booleanNode(yes) : body.textNode(typed.toString()));
            }
        });
        return body;
    }

    /** "reason" → "Reason is required unless the decision is CONFIRM", by form field. */
    static Map<String, String> errorsOf(List<FieldProblem> problems) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldProblem problem : problems) {
            String field = problem.pointer().startsWith("/") ? problem.pointer().substring(1) : problem.pointer();
            String label = AnswerField.ofVariable(field).map(AnswerField::label).orElse("The answer");
            errors.merge(field, label + " " + problem.detail(), (a, b) -> a + "; " + b);
        }
        return errors;
    }
}
