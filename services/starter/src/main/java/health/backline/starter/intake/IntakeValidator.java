package health.backline.starter.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import health.backline.events.intake.Intake;
import health.backline.starter.web.FieldProblem;
import health.backline.starter.web.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * need today's date or cross two fields are checked here.
 */
public class IntakeValidator {

    private static final int MAX_AGE_YEARS = 130;

    private final JsonSchema schema;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final ZoneId clinicZone;

    public IntakeValidator(ObjectMapper objectMapper, Clock clock, ZoneId clinicZone) {
        this.objectMapper = objectMapper;
        this.clock = clock;
        this.clinicZone = clinicZone;
        this.schema = loadSchema();
    }

    /** The intake, if every rule holds. */
    public Intake validate(JsonNode body) {
        List<FieldProblem> problems = new ArrayList<>();
        schema.validate(body).forEach(message -> problems.add(toProblem(message)));
        if (body != null && body.isObject()) {
            checkBirthDate(body.at("/patient/birthDate"), problems);
            checkImprovingIsAnswered(body, problems);
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(FieldProblem::pointer));
            throw new InvalidRequestException(problems.stream().distinct().toList());
        }
        try {
            return objectMapper.treeToValue(body, Intake.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("An intake that passed validation could not be read", e);
        }
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

    private static JsonSchema loadSchema() {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .errorMessageKeyword("message")
                .build();
        try (InputStream in = IntakeValidator.class.getResourceAsStream("intake.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
