package health.backline.workflow.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import health.backline.events.payload.StartBackScoring;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.spin.Spin;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;

/**
 * The reassessment's STarT Back answers as the contract gives them, {@code {"answers": [9 booleans]}}, and as the
 * task keeps them: the same JSON, a Spin {@code json} variable (Cockpit and Camunda REST show it as it was sent).
 */
public final class StartBackItems {

    private static final JsonMapper json = JsonMapper.builder().build();

    private StartBackItems() {
    }

    /**
     * The nine yes/no items of a value that prints as {@code {"answers": [...]}} (a Jackson or Spin JSON node, or its
     * text); empty unless it holds exactly nine booleans there.
     */
    public static Optional<List<Boolean>> of(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            JsonNode answers = json.readTree(value.toString()).path("answers");
            if (!answers.isArray() || answers.size() != StartBackScoring.ITEMS) {
                return Optional.empty();
            }
            List<Boolean> items = new ArrayList<>();
            for (JsonNode answer : answers) {
                if (!answer.isBoolean()) {
                    return Optional.empty();
                }
                items.add(answer.booleanValue());
            }
            return Optional.of(List.copyOf(items));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The task variable for nine items: {@code {"answers": [...]}} as a (deserialised) Spin JSON value. */
    public static JsonValue variable(List<Boolean> items) {
        try {
            String text = json.writeValueAsString(Map.of("answers", items));
            return SpinValues.jsonValue(Spin.JSON(text)).create();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write STarT Back answers", e);
        }
    }
}
