package health.backline.intake.referral.pages;

import health.backline.starter.web.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the validator found wrong, placed on the form: each {@link FieldProblem} (a JSON Pointer into
 * the request body) belongs to the form field that produced that part of the body. The words are
 * the validator's, after the field's label.
 */
public final class FormProblems {

    /** One field that needs attention: its name, the element the summary links to, and the message. */
    public record Item(String field, String anchor, String message) {
    }

    /**
     * A form: its fields in page order with the words a message about each starts with, the id of its element, and
     * the words a message about no field starts with.
     */
    record Form(Map<String, String> fields, String id, String whole) {
    }

    static final Form INTAKE = new Form(IntakeForm.FIELDS, "intake-form", "The intake");

    /** Problems that belong to no field of the form (the summary still lists them). */
    static final String ELSEWHERE = "form";

    private static final Pattern START_BACK_ITEM = Pattern.compile("/startBack/answers/(\\d+)");
    private static final Map<String, String> WORDS_FOR_PROPERTIES = Map.of(
            "conservativeCareWeeks", "weeks of conservative care",
            "painScore", "pain score",
            "symptomDurationDays", "days with symptoms");

    private final Map<String, Item> byField;

    private FormProblems(Map<String, Item> byField) {
        this.byField = byField;
    }

    public static FormProblems none() {
        return new FormProblems(Map.of());
    }

    static FormProblems of(List<FieldProblem> problems) {
        return of(problems, INTAKE);
    }

    static FormProblems of(List<FieldProblem> problems, Form form) {
        Map<String, List<String>> details = new LinkedHashMap<>();
        for (FieldProblem problem : problems) {
            details.computeIfAbsent(fieldOf(problem.pointer(), form), f -> new ArrayList<>()).add(wording(problem.detail()));
        }
        Map<String, Item> byField = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(form.fields().keySet());
        order.add(ELSEWHERE);
        for (String field : order) {
            List<String> found = details.get(field);
            if (found != null) {
                String label = form.fields().getOrDefault(field, form.whole());
                byField.put(field, new Item(field, anchorOf(field, form),
                        label + " " + String.join(" and ", found.stream().distinct().toList())));
            }
        }
        return new FormProblems(byField);
    }

    /** The intake form's field a pointer into the request body came from. */
    static String fieldOf(String pointer) {
        return fieldOf(pointer, INTAKE);
    }

    /** The form field a pointer into the request body came from. */
    static String fieldOf(String pointer, Form form) {
        if (pointer.equals("/findings") || pointer.startsWith("/findings/")) {
            return "findings";
        }
        Matcher item = START_BACK_ITEM.matcher(pointer);
        if (item.matches()) {
            return "startBack." + (Integer.parseInt(item.group(1)) + 1);
        }
        if (pointer.startsWith("/startBack")) {
            return "startBack.1";
        }
        String name = pointer.startsWith("/") ? pointer.substring(1).replace('/', '.') : pointer;
        return form.fields().containsKey(name) ? name : ELSEWHERE;
    }

    /** The element a summary link moves to: the input, or the first choice of a group. */
    static String anchorOf(String field, Form form) {
        if (field.equals("complaint.region")) {
            return "complaint-region-CERVICAL";
        }
        if (field.equals("improving")) {
            return "improving-yes";
        }
        if (field.equals("findings")) {
            return "finding-" + FindingGroups.ALL.get(0).findings().get(0).name();
        }
        if (field.equals("startBack.9")) {
            return "startBack-9-NOT_AT_ALL";
        }
        if (field.startsWith("startBack.")) {
            return IntakeForm.id(field) + "-agree";
        }
        if (field.equals(ELSEWHERE)) {
            return form.id();
        }
        return IntakeForm.id(field);
    }

    private static String wording(String detail) {
        String words = detail;
        for (Map.Entry<String, String> property : WORDS_FOR_PROPERTIES.entrySet()) {
            words = words.replace(property.getKey(), property.getValue());
        }
        return words;
    }

    public boolean any() {
        return !byField.isEmpty();
    }

    public List<Item> items() {
        return List.copyOf(byField.values());
    }

    /** "1 field needs attention", "3 fields need attention". */
    public String summary() {
        int count = byField.size();
        return count == 1 ? "1 field needs attention" : count + " fields need attention";
    }

    /** The message for a field, or null. */
    public String error(String field) {
        Item item = byField.get(field);
        return item == null ? null : item.message();
    }

    /** {@code "true"} for a field with a problem, else null (the attribute is then left out). */
    public String invalid(String field) {
        return byField.containsKey(field) ? "true" : null;
    }

    /** The ids that describe a field: its error, then its hint; null when neither exists. */
    public String describedBy(String field, boolean hasHint) {
        List<String> ids = new ArrayList<>();
        if (byField.containsKey(field)) {
            ids.add(IntakeForm.id(field) + "-error");
        }
        if (hasHint) {
            ids.add(IntakeForm.id(field) + "-hint");
        }
        return ids.isEmpty() ? null : String.join(" ", ids);
    }

    /** Whether any STarT Back question has a problem (its section then opens). */
    public boolean inStartBack() {
        return byField.keySet().stream().anyMatch(f -> f.startsWith("startBack."));
    }
}
