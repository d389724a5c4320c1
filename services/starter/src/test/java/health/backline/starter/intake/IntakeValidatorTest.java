package health.backline.starter.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import health.backline.events.intake.Bothersomeness;
import health.backline.events.intake.Finding;
import health.backline.events.intake.Intake;
import health.backline.events.intake.Region;
import health.backline.events.intake.Sex;
import health.backline.starter.web.FieldProblem;
import health.backline.starter.web.InvalidRequestException;
import health.backline.testsupport.ExampleIntake;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntakeValidatorTest {

    private final ObjectMapper objectMapper = new ObjectMapper().registerModule(new JavaTimeModule());
    private final IntakeValidator validator = new IntakeValidator(objectMapper,
            Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC), ZoneId.of("Europe/London"));

    @Test
    void the_contract_example_is_valid_and_read_in_full() {
        Intake intake = validator.validate(example());

        assertThat(intake.patient().mrn()).isEqualTo("MRN-0042");
        assertThat(intake.patient().birthDate()).isEqualTo(LocalDate.of(1961, 3, 14));
        assertThat(intake.patient().sex()).isEqualTo(Sex.FEMALE);
        assertThat(intake.complaint().region()).isEqualTo(Region.LUMBAR);
        assertThat(intake.findings()).containsExactly(Finding.MINOR_TRAUMA, Finding.OSTEOPOROSIS);
        assertThat(intake.startBack().agreedTo(1)).isTrue();
        assertThat(intake.startBack().bothersome()).isEqualTo(Bothersomeness.VERY_MUCH);
        assertThat(intake.referrer().organisation()).isEqualTo("Riverside Family Practice");
    }

    @Test
    void only_the_required_fields_are_enough() {
        ObjectNode body = (ObjectNode) read("""
                {"patient": {"mrn": "A1", "givenName": "A", "familyName": "B", "birthDate": "2000-01-01"},
                 "complaint": {"region": "CERVICAL", "symptomDurationDays": 0, "painScore": 0}}""");

        Intake intake = validator.validate(body);

        assertThat(intake.findings()).isEmpty();
        assertThat(intake.conservativeCareWeeks()).isZero();
        assertThat(intake.startBack()).isNull();
    }

    @ParameterizedTest(name = "{0} = {1} is refused")
    @CsvSource(delimiter = '|', value = {
            "/patient/mrn         | \"MRN 42\"",
            "/patient/mrn         | \"\"",
            "/patient/mrn         | \"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456\"",
            "/patient/givenName   | \"  \"",
            "/patient/familyName  | 42",
            "/patient/birthDate   | \"14/03/1961\"",
            "/patient/birthDate   | \"2026-11-22\"",
            "/patient/birthDate   | \"1896-11-20\"",
            "/patient/sex         | \"f\"",
            "/patient/phone       | \"call me\"",
            "/patient/phone       | \"1234\"",
            "/referrer/name       | 7",
            "/complaint/region    | \"SACRAL\"",
            "/complaint/symptomDurationDays | 3651",
            "/complaint/symptomDurationDays | 1.5",
            "/complaint/painScore | -1",
            "/complaint/painScore | \"7\"",
            "/complaint/description | 12",
            "/conservativeCareWeeks | 521",
            "/improving           | \"yes\"",
            "/startBack/answers   | [true, true]",
    })
    void a_field_that_breaks_its_rule_is_refused_and_named(String pointer, String value) {
        ObjectNode body = example();
        set(body, pointer, read(value));

        assertThat(problems(body)).extracting(FieldProblem::pointer).contains(pointer);
    }

    @Test
    void an_unknown_finding_a_repeated_finding_and_an_unknown_field_are_each_named() {
        ObjectNode body = example();
        body.putArray("findings").add("FEVER").add("FEVER").add("BACK_ACHE");
        body.put("findngs", "typo");
        ((ObjectNode) body.get("patient")).put("nhsNumber", "123");

        assertThat(problems(body)).extracting(FieldProblem::pointer)
                .contains("/findings", "/findings/2", "/findngs", "/patient/nhsNumber");
    }

    @Test
    void improving_must_be_answered_after_conservative_care() {
        ObjectNode body = example();
        body.put("conservativeCareWeeks", 6);
        body.putNull("improving");

        assertThat(problems(body)).containsExactly(
                new FieldProblem("/improving", "is required when conservativeCareWeeks is more than 0"));
    }

    @Test
    void every_missing_required_field_is_listed_at_once() {
        ObjectNode body = (ObjectNode) read("{\"patient\": {}, \"complaint\": {}}");

        assertThat(problems(body)).extracting(FieldProblem::pointer).containsExactlyInAnyOrder(
                "/patient/mrn", "/patient/givenName", "/patient/familyName", "/patient/birthDate",
                "/complaint/region", "/complaint/symptomDurationDays", "/complaint/painScore");
        assertThat(problems(body)).extracting(FieldProblem::detail).containsOnly("is required");
    }

    @Test
    void start_back_items_must_be_eight_booleans_then_how_bothersome() {
        ObjectNode body = example();
        set(body, "/startBack/answers", read("[true, false, true, true, false, false, \"yes\", false, \"A_LOT\"]"));

        assertThat(problems(body)).extracting(FieldProblem::pointer)
                .containsExactlyInAnyOrder("/startBack/answers/6", "/startBack/answers/8");
    }

    @Test
    void a_body_that_is_not_an_object_is_refused() {
        assertThat(problems(read("[1, 2]"))).extracting(FieldProblem::detail).contains("must be a JSON object");
    }

    @Test
    void messages_are_written_for_front_desk_staff() {
        ObjectNode body = example();
        set(body, "/complaint/painScore", read("11"));
        set(body, "/complaint/region", read("\"SACRAL\""));

        assertThat(problems(body)).containsExactly(
                new FieldProblem("/complaint/painScore", "must be between 0 and 10"),
                new FieldProblem("/complaint/region", "must be one of: CERVICAL, THORACIC, LUMBAR"));
    }

    private List<FieldProblem> problems(JsonNode body) {
        try {
            validator.validate(body);
            throw new AssertionError("not refused");
        } catch (InvalidRequestException e) {
            return e.problems();
        }
    }

    private ObjectNode example() {
        return (ObjectNode) read(ExampleIntake.json("MRN-0042"));
    }

    private JsonNode read(String json) {
        try {
            return objectMapper.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static void set(ObjectNode body, String pointer, JsonNode value) {
        int last = pointer.lastIndexOf('/');
        ((ObjectNode) body.at(pointer.substring(0, last))).set(pointer.substring(last + 1), value);
    }
}
