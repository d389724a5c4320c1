package health.backline.intake.referral.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.backline.events.intake.Region;
import health.backline.events.intake.StartBackQuestions;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.util.MultiValueMap;

/**
 * The intake form as typed: every value kept exactly as entered (trimmed), so a form with problems
 * comes back as it was sent. {@link #toJson()} builds the request body of {@code POST /api/referrals}
 * from it, leaving every judgement to the intake validator: an empty input is an absent field, a
 * number is sent as a number when it looks like one and as text otherwise.
 */
public final class IntakeForm {

    /** The form's fields in page order, with the words an error message starts with. */
    static final Map<String, String> FIELDS = fields();

    /** STarT Back items 1-8 (Keele STarT Back Screening Tool), answered agree or disagree. */
    static final List<String> START_BACK_STATEMENTS = StartBackQuestions.STATEMENTS;

    static final String START_BACK_QUESTION_9 = StartBackQuestions.QUESTION_9;

    /** The choices of each choice field: value sent, words shown. */
    static final Map<String, String> REGIONS = regions();
    static final Map<String, String> SEXES = ordered(
            "female", "Female", "male", "Male", "other", "Other", "unknown", "Unknown");
    static final Map<String, String> IMPROVING = ordered("yes", "Yes, improving", "no", "No, not improving");
    static final Map<String, String> AGREEMENT = ordered("agree", "Agree", "disagree", "Disagree");
    static final Map<String, String> BOTHERSOME = ordered("NOT_AT_ALL", "Not at all", "SLIGHTLY", "Slightly",
            "MODERATELY", "Moderately", "VERY_MUCH", "Very much", "EXTREMELY", "Extremely");

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d*\\.\\d+");
    private static final Pattern DAY_FIRST_DATE = Pattern.compile("(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})");
    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Map<String, String> values;
    private final List<String> findings;
    private final String idempotencyKey;

    private IntakeForm(Map<String, String> values, List<String> findings, String idempotencyKey) {
        this.values = values;
        this.findings = findings;
        this.idempotencyKey = idempotencyKey;
    }

    /** An empty form with a fresh idempotency key: one key per intake the front desk starts. */
    static IntakeForm blank() {
        return new IntakeForm(Map.of(), List.of(), UUID.randomUUID().toString());
    }

    /** The form as posted. Unknown parameters are ignored; a missing or odd key is replaced by a fresh one. */
    static IntakeForm from(MultiValueMap<String, String> params) {
        String key = params.getFirst("idempotencyKey");
        return new IntakeForm(typedValues(params, FIELDS.keySet()), tickedFindings(params),
                key != null && SAFE_KEY.matcher(key).matches() ? key : UUID.randomUUID().toString());
    }

    /** The values typed into these fields (the findings' boxes aside), trimmed; empty inputs left out. */
    static Map<String, String> typedValues(MultiValueMap<String, String> params, Collection<String> names) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : names) {
            String value = params.getFirst(name);
            if (value != null && !value.isBlank() && !name.equals("findings")) {
                values.put(name, value.strip());
            }
        }
        return values;
    }

    /** The finding codes ticked, as sent. */
    static List<String> tickedFindings(MultiValueMap<String, String> params) {
        return params.getOrDefault("findings", List.of()).stream()
                .filter(code -> code != null && !code.isBlank()).map(String::strip).toList();
    }

    /** The same values under a new idempotency key: for a deliberate second referral. */
    IntakeForm withNewKey() {
        return new IntakeForm(values, findings, UUID.randomUUID().toString());
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    /** The value as typed, or an empty string. */
    public String value(String name) {
        return values.getOrDefault(name, "");
    }

    public boolean chose(String name, String option) {
        return option.equals(values.get(name));
    }

    public boolean reports(String findingCode) {
        return findings.contains(findingCode);
    }

    /** Whether any STarT Back question is answered (the section then opens). */
    public boolean startBackStarted() {
        for (int item = 1; item <= 9; item++) {
            if (values.containsKey("startBack." + item)) {
                return true;
            }
        }
        return false;
    }

    /** The element id of a field: its name with dots as hyphens. */
    public static String id(String name) {
        return name.replace('.', '-');
    }

    /** The request body the API takes, built from what was typed. */
    ObjectNode toJson() {
        ObjectNode body = JSON.objectNode();
        ObjectNode patient = body.putObject("patient");
        text(patient, "mrn", "patient.mrn");
        text(patient, "givenName", "patient.givenName");
        text(patient, "familyName", "patient.familyName");
        putIfPresent(patient, "birthDate", date(values.get("patient.birthDate")));
        text(patient, "sex", "patient.sex");
        text(patient, "phone", "patient.phone");

        if (values.containsKey("referrer.name") || values.containsKey("referrer.organisation")) {
            ObjectNode referrer = body.putObject("referrer");
            text(referrer, "name", "referrer.name");
            text(referrer, "organisation", "referrer.organisation");
        }

        ObjectNode complaint = body.putObject("complaint");
        text(complaint, "region", "complaint.region");
        putIfPresent(complaint, "symptomDurationDays", number(values.get("complaint.symptomDurationDays")));
        putIfPresent(complaint, "painScore", number(values.get("complaint.painScore")));
        text(complaint, "description", "complaint.description");

        if (!findings.isEmpty()) {
            ArrayNode codes = body.putArray("findings");
            findings.forEach(codes::add);
        }
        putIfPresent(body, "conservativeCareWeeks", number(values.get("conservativeCareWeeks")));
        putIfPresent(body, "improving", yesNo(values.get("improving")));

        if (startBackStarted()) {
            ArrayNode answers = body.putObject("startBack").putArray("answers");
            for (int item = 1; item <= 8; item++) {
                answers.add(agreement(values.get("startBack." + item)));
            }
            String bothersome = values.get("startBack.9");
            answers.add(bothersome == null ? JSON.nullNode() : JSON.textNode(bothersome));
        }
        return body;
    }

    private void text(ObjectNode target, String property, String field) {
        String value = values.get(field);
        if (value != null) {
            target.put(property, value);
        }
    }

    static void putIfPresent(ObjectNode target, String property, JsonNode value) {
        if (value != null) {
            target.set(property, value);
        }
    }

    /** A whole number as a number, a decimal as a decimal (the validator says it must be whole), anything else as text. */
    static JsonNode number(String typed) {
        if (typed == null) {
            return null;
        }
        if (WHOLE_NUMBER.matcher(typed).matches()) {
            return JSON.numberNode(new BigInteger(typed));
        }
        if (DECIMAL.matcher(typed).matches()) {
            return JSON.numberNode(new BigDecimal(typed));
        }
        return JSON.textNode(typed);
    }

    /** Staff in a London clinic type 14/03/1961; the API takes 1961-03-14. Anything else goes as typed. */
    private static JsonNode date(String typed) {
        if (typed == null) {
            return null;
        }
        Matcher dayFirst = DAY_FIRST_DATE.matcher(typed);
        if (dayFirst.matches()) {
            try {
                return JSON.textNode(LocalDate.of(Integer.parseInt(dayFirst.group(3)), Integer.parseInt(dayFirst.group(2)),
                        Integer.parseInt(dayFirst.group(1))).toString());
            } catch (DateTimeException e) {
                return JSON.textNode(typed);
            }
        }
        return JSON.textNode(typed);
    }

    private static JsonNode yesNo(String typed) {
        if (typed == null) {
            return null;
        }
        return switch (typed) {
            case "yes" -> JSON.booleanNode(true);
            case "no" -> JSON.booleanNode(false);
            default -> JSON.textNode(typed);
        };
    }

    private static JsonNode agreement(String typed) {
        if (typed == null) {
            return JSON.nullNode();
        }
        return switch (typed) {
            case "agree" -> JSON.booleanNode(true);
            case "disagree" -> JSON.booleanNode(false);
            default -> JSON.textNode(typed);
        };
    }

    static Map<String, String> ordered(String... valuesAndWords) {
        Map<String, String> choices = new LinkedHashMap<>();
        for (int i = 0; i < valuesAndWords.length; i += 2) {
            choices.put(valuesAndWords[i], valuesAndWords[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(choices);
    }

    private static Map<String, String> regions() {
        Map<String, String> choices = new LinkedHashMap<>();
        for (Region region : Region.values()) {
            choices.put(region.name(), region.label());
        }
        return java.util.Collections.unmodifiableMap(choices);
    }

    private static Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("patient.mrn", "MRN");
        fields.put("patient.givenName", "Given name");
        fields.put("patient.familyName", "Family name");
        fields.put("patient.birthDate", "Date of birth");
        fields.put("patient.sex", "Sex");
        fields.put("patient.phone", "Phone");
        fields.put("referrer.name", "Referrer");
        fields.put("referrer.organisation", "Organisation");
        fields.put("complaint.region", "Region");
        fields.put("complaint.symptomDurationDays", "Days with symptoms");
        fields.put("complaint.painScore", "Pain score");
        fields.put("complaint.description", "Description");
        fields.put("findings", "Findings");
        fields.put("conservativeCareWeeks", "Weeks of conservative care");
        fields.put("improving", "Improving");
        for (int item = 1; item <= 9; item++) {
            fields.put("startBack." + item, "STarT Back question " + item);
        }
        return java.util.Collections.unmodifiableMap(fields);
    }

    /** A STarT Back agree/disagree question: its form field, number and statement. */
    public record Statement(String name, int number, String text) {
    }

    static List<Statement> startBackStatements() {
        List<Statement> items = new ArrayList<>();
        for (int i = 0; i < START_BACK_STATEMENTS.size(); i++) {
            items.add(new Statement("startBack." + (i + 1), i + 1, START_BACK_STATEMENTS.get(i)));
        }
        return items;
    }
}
