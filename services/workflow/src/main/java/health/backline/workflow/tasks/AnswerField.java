package health.backline.workflow.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.backline.starter.web.FieldProblem;
import health.backline.workflow.referral.ReferralProcess.Variables;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Every answer a human task can ask for, defined once: the variable it writes, its label, its choices, what a
 * valid value is, and whether the flow reads it after the task. The task API, the queue pages, Tasklist's forms
 * (the BPMN's {@code camunda:formData}, checked against this by a test) and the engine's guard all use it.
 */
public enum AnswerField {
    DECISION(Variables.DECISION, "Decision", null, true, ReviewDecision.values()),
    REASON(Variables.REASON, "Reason", "required unless you confirm", false),
    /** The same variables as DECISION and REASON, with a second missed appointment's choices and rule. */
    MISSED_APPOINTMENT_DECISION(Variables.DECISION, "Decision", null, true, MissedAppointmentDecision.values()),
    REASON_TO_RETURN(Variables.REASON, "Reason", "required to return the referral", false),
    /** The same variables as DECISION and REASON: a triage change is accepted or declined, always with a reason. */
    TRIAGE_CHANGE_DECISION(Variables.DECISION, "Decision", null, true, TriageChangeDecision.values()),
    REQUIRED_REASON(Variables.REASON, "Reason", "required", false),
    OUTCOME(Variables.OUTCOME, "Outcome", null, true, ReassessmentOutcome.values()),
    REACHED(Variables.REACHED, "Patient reached", null, true),
    NOTE(Variables.NOTE, "Note", null, false),
    PAIN_SCORE(Variables.PAIN_SCORE, "Pain score now", "0-10", false),
    START_BACK(Variables.START_BACK, "STarT Back answers now", "the nine items, yes or no", false),
    SLOT_ID(Variables.SLOT_ID, "Slot id", null, true);

    static final int MAX_TEXT = 2000;

    private final String variable;
    private final String label;
    private final String hint;
    private final boolean readByTheFlow;
    private final AnswerOption[] options;

    AnswerField(String variable, String label, String hint, boolean readByTheFlow, AnswerOption... options) {
        this.variable = variable;
        this.label = label;
        this.hint = hint;
        this.readByTheFlow = readByTheFlow;
        this.options = options;
    }

    /** The process variable the answer writes, also its name in the API's body and in the forms. */
    String variable() {
        return variable;
    }

    public String label() {
        return label;
    }

    /** A note beside the label, or null. */
    public String hint() {
        return hint;
    }

    /** The label as Tasklist shows it: with its hint. */
    String formLabel() {
        return hint == null ? label : label + " (" + hint + ")";
    }

    /**
     * Copied from the task to the process when the task completes, for a gateway's condition or the chosen slot.
     * The others (reason, note) stay with the task and its history.
     */
    boolean readByTheFlow() {
        return readByTheFlow;
    }

    /**
     * Whether Tasklist asks for it. Tasklist's forms hold flat values only, not the nine STarT Back answers of one
     * field: there the reassessment records the pain score, the task API and the queue page record both.
     */
    boolean inTasklist() {
        return this != START_BACK;
    }

    /** The choices, code to label, in order; empty unless this is a choice field. */
    public Map<String, String> options() {
        Map<String, String> choices = new LinkedHashMap<>();
        for (AnswerOption option : options) {
            choices.put(option.name(), option.label());
        }
        return choices;
    }

    static Optional<AnswerField> ofVariable(String variable) {
        return Arrays.stream(values()).filter(field -> field.variable.equals(variable)).findFirst();
    }

    /** The value as a form sends it (text): "reached" becomes yes or no, a slot id loses stray spaces. */
    Object fromForm(String value) {
        return switch (this) {
            case REACHED -> value.equals("true") || value.equals("false") ? Boolean.valueOf(value) : value;
            case SLOT_ID -> value.strip();
            case START_BACK -> startBackFromForm(value);
            case PAIN_SCORE -> value.strip().matches("\\d{1,2}") ? Long.valueOf(value.strip()) : value;
            default -> value;
        };
    }

    /** What is wrong with this field's value on its own, if anything (null: not answered). */
    Optional<FieldProblem> problemWith(Object value) {
        if (this == START_BACK) {
            return value == null || StartBackItems.of(value).isPresent() ? Optional.empty()
                    : Optional.of(new FieldProblem("/" + variable + "/answers", "must be exactly 9 answers, each true or false"));
        }
        String problem = switch (this) {
            case DECISION, MISSED_APPOINTMENT_DECISION, TRIAGE_CHANGE_DECISION, OUTCOME -> value instanceof String code && options().containsKey(code) ? null
                    : "is required: one of " + String.join(", ", options().keySet().stream().sorted().toList());
            case REACHED -> value instanceof Boolean ? null : "is required: true or false";
            case SLOT_ID -> isUuid(value) ? null : "is required: the id of a free slot";
            case PAIN_SCORE -> value == null || PainImprovement.score(value).isPresent() ? null
                    : "must be a whole number from 0 to 10";
            case START_BACK -> null;
            case REQUIRED_REASON -> value instanceof String text && !text.isBlank() && text.length() <= MAX_TEXT ? null
                    : "is required: text of at most " + MAX_TEXT + " characters";
            case REASON, REASON_TO_RETURN, NOTE -> value == null || value instanceof String text && text.length() <= MAX_TEXT ? null
                    : "must be text of at most " + MAX_TEXT + " characters";
        };
        return Optional.ofNullable(problem).map(detail -> new FieldProblem("/" + variable, detail));
    }

    /** The page's "yn-…" letters (TaskForm) as the API's {"answers": [...]}; an unanswered item stays null. */
    private static JsonNode startBackFromForm(String letters) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode answers = body.putArray("answers");
        letters.chars().forEach(letter -> answers.add(letter == 'y' ? BooleanNode.TRUE : letter == 'n' ? BooleanNode.FALSE
                : NullNode.instance));
        return body;
    }

    private static boolean isUuid(Object value) {
        try {
            return value instanceof String text && UUID.fromString(text) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
