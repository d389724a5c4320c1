package health.backline.starter.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import health.backline.events.intake.Finding;
import health.backline.events.intake.Intake;
import health.backline.starter.web.FieldProblem;
import health.backline.starter.web.InvalidRequestException;
import health.backline.testsupport.ExampleIntake;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** New findings for a recorded intake: the same bounds as the intake's, at least one new fact, and the merge. */
class NewFindingsValidationTest {

    private final ObjectMapper objectMapper = new ObjectMapper().registerModule(new JavaTimeModule());
    private final IntakeValidator validator = new IntakeValidator(objectMapper,
            Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC), ZoneId.of("Europe/London"));

    @Test
    void every_field_is_read() {
        NewFindings added = validator.validateFindings(read("""
                {"findings": ["FEVER", "NIGHT_PAIN"], "painScore": 8, "symptomDurationDays": 20, "note": "Rang back"}"""));

        assertThat(added).isEqualTo(new NewFindings(List.of(Finding.FEVER, Finding.NIGHT_PAIN), 8, 20, "Rang back"));
    }

    @Test
    void one_of_the_three_is_enough() {
        assertThat(validator.validateFindings(read("{\"painScore\": 0}")))
                .isEqualTo(new NewFindings(List.of(), 0, null, null));
        assertThat(validator.validateFindings(read("{\"symptomDurationDays\": 3650}")).symptomDurationDays())
                .isEqualTo(3650);
    }

    @ParameterizedTest(name = "{1} gives {0}: {2}")
    @CsvSource(delimiter = '|', value = {
            "/findings/0          | {\"findings\": [\"SORE_TOE\"]}                    | must be one of: BLADDER_OR_BOWEL_DYSFUNCTION",
            "/findings            | {\"findings\": [\"FEVER\", \"FEVER\"]}            | must not list a finding twice",
            "/findings            | {\"findings\": \"FEVER\"}                         | must be a list of finding codes",
            "/painScore           | {\"painScore\": 11}                               | must be between 0 and 10",
            "/painScore           | {\"painScore\": -1}                               | must be between 0 and 10",
            "/painScore           | {\"painScore\": \"8\"}                            | must be a whole number",
            "/symptomDurationDays | {\"symptomDurationDays\": -1}                     | must be between 0 and 3650",
            "/symptomDurationDays | {\"symptomDurationDays\": 3651}                   | must be between 0 and 3650",
            "/note                | {\"painScore\": 5, \"note\": \"\"}                | must be 1-2000 characters",
            "/note                | {\"painScore\": 5, \"note\": \"   \"}             | must not be blank",
            "/findings            | {}                                                | must name at least one finding",
            "/findings            | {\"findings\": [], \"note\": \"only a note\"}     | must name at least one finding",
            "/painscore           | {\"painScore\": 5, \"painscore\": 5}              | is not a field of new findings",
            "''                   | [1, 2]                                            | must be a JSON object",
    })
    void a_field_that_breaks_its_rule_is_named_with_the_intakes_words(String pointer, String body, String detail) {
        assertThat(problems(read(body))).anySatisfy(problem -> {
            assertThat(problem.pointer()).isEqualTo(pointer);
            assertThat(problem.detail()).startsWith(detail);
        });
    }

    @Test
    void a_note_over_2000_characters_is_refused() {
        assertThat(problems(read("{\"painScore\": 5, \"note\": \"" + "x".repeat(2001) + "\"}")))
                .containsExactly(new FieldProblem("/note", "must be 1-2000 characters"));
    }

    @Test
    void every_offending_field_is_listed_at_once() {
        assertThat(problems(read("{\"findings\": [\"FEVER\", \"BACK_ACHE\"], \"painScore\": 11, \"symptomDurationDays\": -2}")))
                .extracting(FieldProblem::pointer)
                .containsExactly("/findings/1", "/painScore", "/symptomDurationDays");
    }

    @Test
    void the_revised_intake_adds_new_findings_after_its_own_and_replaces_pain_and_duration() {
        Intake intake = validator.validate(read(ExampleIntake.json("MRN-7")));

        Intake revised = new NewFindings(List.of(Finding.OSTEOPOROSIS, Finding.FEVER), 9, 30, null).revise(intake);

        assertThat(revised.findings()).containsExactly(Finding.MINOR_TRAUMA, Finding.OSTEOPOROSIS, Finding.FEVER);
        assertThat(revised.complaint().painScore()).isEqualTo(9);
        assertThat(revised.complaint().symptomDurationDays()).isEqualTo(30);
        assertThat(revised.complaint().region()).isEqualTo(intake.complaint().region());
        assertThat(revised.patient()).isEqualTo(intake.patient());
        assertThat(revised.startBack()).isEqualTo(intake.startBack());
    }

    @Test
    void facts_already_recorded_revise_nothing() {
        Intake intake = validator.validate(read(ExampleIntake.json("MRN-7")));

        Intake same = new NewFindings(List.of(Finding.OSTEOPOROSIS), intake.complaint().painScore(),
                intake.complaint().symptomDurationDays(), "asked again").revise(intake);

        assertThat(same).isEqualTo(intake);
    }

    private List<FieldProblem> problems(JsonNode body) {
        try {
            validator.validateFindings(body);
            throw new AssertionError("not refused");
        } catch (InvalidRequestException e) {
            return e.problems();
        }
    }

    private JsonNode read(String json) {
        try {
            return objectMapper.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
