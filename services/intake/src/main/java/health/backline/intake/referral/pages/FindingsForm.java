package health.backline.intake.referral.pages;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;

/**
 * The referral page's "Add new findings" form as typed, kept as entered so a form with problems comes back as it
 * was sent. {@link #toJson()} builds the body of {@code POST /api/referrals/{id}/findings} from it, read as the
 * intake form reads its fields, leaving every judgement to the validator.
 */
public final class FindingsForm {

    /** The form's fields in page order, with the words an error message starts with. */
    static final Map<String, String> FIELDS = IntakeForm.ordered("findings", "Findings",
            "painScore", "Pain score", "symptomDurationDays", "Days with symptoms", "note", "Note");

    static final FormProblems.Form FORM = new FormProblems.Form(FIELDS, "findings-form", "The new findings");

    private final Map<String, String> values;
    private final List<String> findings;

    private FindingsForm(Map<String, String> values, List<String> findings) {
        this.values = values;
        this.findings = findings;
    }

    static FindingsForm blank() {
        return new FindingsForm(Map.of(), List.of());
    }

    /** The form as posted; unknown parameters are ignored. */
    static FindingsForm from(MultiValueMap<String, String> params) {
        return new FindingsForm(IntakeForm.typedValues(params, FIELDS.keySet()), IntakeForm.tickedFindings(params));
    }

    /** The value as typed, or an empty string. */
    public String value(String name) {
        return values.getOrDefault(name, "");
    }

    public boolean reports(String findingCode) {
        return findings.contains(findingCode);
    }

    /** The request body the API takes: an empty input is an absent field. */
    ObjectNode toJson() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (!findings.isEmpty()) {
            ArrayNode codes = body.putArray("findings");
            findings.forEach(codes::add);
        }
        IntakeForm.putIfPresent(body, "painScore", IntakeForm.number(values.get("painScore")));
        IntakeForm.putIfPresent(body, "symptomDurationDays", IntakeForm.number(values.get("symptomDurationDays")));
        if (values.containsKey("note")) {
            body.put("note", values.get("note"));
        }
        return body;
    }
}
