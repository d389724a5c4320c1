package health.backline.starter.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import health.backline.events.intake.Intake;
import health.backline.starter.web.FieldProblem;
import health.backline.starter.web.InvalidRequestException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Checks an intake against every rule of the intake contract and answers all offending fields at
 * once. Structure, types, ranges and codes come from {@code intake.schema.json}; the rules that
 * need today's date or cross two fields are checked here. New findings for a recorded intake are
 * checked the same way, against {@code findings.schema.json}, which takes its bounds from the intake's.
 */
public class IntakeValidator {

    private static final int MAX_AGE_YEARS = 130;

    /** Where the schemas say they live ({@code $id}), and where they are on the classpath. */
    private static final String SCHEMA_BASE = "https://backline.health/schemas/";
    private static final String CLASSPATH_BASE = "classpath:health/backline/starter/intake/";

    private final JsonSchema schema;
    private final JsonSchema findingsSchema;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final ZoneId clinicZone;

    public IntakeValidator(ObjectMapper objectMapper, Clock clock, ZoneId clinicZone) {
        this.objectMapper = objectMapper;
        this.clock = clock;
        this.clinicZone = clinicZone;
        this.schema = loadSchema("intake.schema.json");
        this.findingsSchema = loadSchema("findings.schema.json");
    }

    /** The intake, if every rule holds. */
    public Intake validate(JsonNode body) {
        List<FieldProblem> problems = problemsOf(schema, body);
        if (body != null && body.isObject()) {
            checkBirthDate(body.at("/patient/birthDate"), problems);
            checkImprovingIsAnswered(body, problems);
        }
        return readIfValid(body, problems, Intake.class);
    }

    /**
     * New findings for a recorded intake ({@code POST /api/referrals/{id}/findings}), if every rule holds:
     * findings, pain score and duration are checked as in an intake, and at least one of them must be given.
     */
    public NewFindings validateFindings(JsonNode body) {
        List<FieldProblem> problems = problemsOf(findingsSchema, body);
        if (body != null && body.isObject()) {
            checkSomethingIsNew(body, problems);
        }
        return readIfValid(body, problems, NewFindings.class);
    }

    private static List<FieldProblem> problemsOf(JsonSchema schema, JsonNode body) {
        List<FieldProblem> problems = new ArrayList<>();
        schema.validate(body).forEach(message -> problems.add(toProblem(message)));
        return problems;
    }

    private <T> T readIfValid(JsonNode body, List<FieldProblem> problems, Class<T> type) {
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(FieldProblem::pointer));
            throw new InvalidRequestException(problems.stream().distinct().toList());
        }
        try {
            return objectMapper.treeToValue(body, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException(type.getSimpleName() + " that passed validation could not be read", e);
        }
    }

    /** A note alone changes nothing to triage on. */
    private static void checkSomethingIsNew(JsonNode body, List<FieldProblem> problems) {
        JsonNode findings = body.get("findings");
        boolean namesAFinding = findings != null && findings.isArray() && !findings.isEmpty();
        if (!namesAFinding && isAbsent(body.get("painScore")) && isAbsent(body.get("symptomDurationDays"))) {
            problems.add(new FieldProblem("/findings",
                    "must name at least one finding when neither painScore nor symptomDurationDays is given"));
        }
    }

    private static boolean isAbsent(JsonNode value) {
        return value == null || value.isNull();
    }

    private void checkBirthDate(JsonNode birthDate, List<FieldProblem> problems) {
        if (!birthDate.isTextual()) {
            return;
        }
        try {
            LocalDate date = LocalDate.parse(birthDate.asText());
            LocalDate today = LocalDate.now(clock.withZone(clinicZone));
            if (date.isAfter(today)) {
                problems.add(new FieldProblem("/patient/birthDate", "must not be in the future"));
            } else if (date.isBefore(today.minusYears(MAX_AGE_YEARS))) {
                problems.add(new FieldProblem("/patient/birthDate", "must be at most " + MAX_AGE_YEARS + " years ago"));
            }
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem("/patient/birthDate", "must be a date written YYYY-MM-DD"));
        }
    }

    private static void checkImprovingIsAnswered(JsonNode body, List<FieldProblem> problems) {
        JsonNode weeks = body.get("conservativeCareWeeks");
        JsonNode improving = body.get("improving");
        boolean hadCare = weeks != null && weeks.canConvertToInt() && weeks.isIntegralNumber() && weeks.asInt() > 0;
        if (hadCare && (improving == null || improving.isNull())) {
            problems.add(new FieldProblem("/improving", "is required when conservativeCareWeeks is more than 0"));
        }
    }

    private static FieldProblem toProblem(ValidationMessage message) {
        String pointer = message.getInstanceLocation().toString();
        boolean namesAProperty = "required".equals(message.getType()) || "additionalProperties".equals(message.getType());
        if (namesAProperty && message.getProperty() != null) {
            pointer = pointer + "/" + message.getProperty();
        }
        return new FieldProblem(pointer, detailOf(message));
    }

    /** Our schema words each message; the library puts the location before it. */
    private static String detailOf(ValidationMessage message) {
        String text = message.getMessage();
        int separator = text.indexOf(": ");
        return separator >= 0 && text.startsWith(message.getInstanceLocation().toString()) ? text.substring(separator + 2) : text;
    }

    private static JsonSchema loadSchema(String file) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .errorMessageKeyword("message")
                .build();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_BASE, CLASSPATH_BASE)));
        JsonSchema loaded = factory.getSchema(SchemaLocation.of(SCHEMA_BASE + file), config);
        loaded.initializeValidators(); // resolves every $ref now: a missing schema fails the start, not a request
        return loaded;
    }
}
