package health.backline.intake.referral.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.backline.events.intake.Finding;
import health.backline.starter.web.FieldProblem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The form as typed becomes the API's JSON, and the validator's pointers find their way back to the fields. */
class IntakeFormTest {

    @Test
    void every_finding_code_is_offered_exactly_once() {
        List<Finding> offered = FindingGroups.ALL.stream().flatMap(group -> group.findings().stream()).toList();
        assertThat(offered).hasSize(Finding.values().length).containsExactlyInAnyOrder(Finding.values());
    }

    @Test
    void empty_inputs_are_absent_fields_and_numbers_are_numbers_only_when_they_look_like_numbers() {
        JsonNode body = IntakeForm.from(params(
                "patient.mrn", " MRN-1 ", "patient.givenName", "", "patient.birthDate", "14/03/1961",
                "referrer.name", "", "referrer.organisation", "",
                "complaint.symptomDurationDays", "010", "complaint.painScore", "seven",
                "conservativeCareWeeks", "2.5", "improving", "yes", "findings", "FEVER", "findings", "SORE_TOE")).toJson();

        assertThat(body.at("/patient/mrn").asText()).isEqualTo("MRN-1");
        assertThat(body.at("/patient").has("givenName")).isFalse();
        assertThat(body.at("/patient/birthDate").asText()).isEqualTo("1961-03-14");
        assertThat(body.has("referrer")).isFalse();
        assertThat(body.at("/complaint/symptomDurationDays").isIntegralNumber()).isTrue();
        assertThat(body.at("/complaint/symptomDurationDays").asInt()).isEqualTo(10);
        assertThat(body.at("/complaint/painScore").isTextual()).isTrue();
        assertThat(body.at("/conservativeCareWeeks").isFloatingPointNumber()).isTrue();
        assertThat(body.at("/improving").asBoolean()).isTrue();
        assertThat(body.at("/findings").toString()).isEqualTo("[\"FEVER\",\"SORE_TOE\"]");
        assertThat(body.has("startBack")).isFalse();
    }

    @Test
    void dates_are_taken_day_first_or_iso_and_anything_else_goes_to_the_validator_as_typed() {
        assertThat(birthDate("1961-03-14")).isEqualTo("1961-03-14");
        assertThat(birthDate("4.3.1961")).isEqualTo("1961-03-04");
        assertThat(birthDate("31/02/1961")).isEqualTo("31/02/1961");
        assertThat(birthDate("March 1961")).isEqualTo("March 1961");
    }

    @Test
    void a_started_start_back_sends_nine_answers_with_the_unanswered_ones_empty() {
        JsonNode body = IntakeForm.from(params("startBack.2", "agree", "startBack.3", "disagree", "startBack.9", "SLIGHTLY"))
                .toJson();
        assertThat(body.at("/startBack/answers").toString())
                .isEqualTo("[null,true,false,null,null,null,null,null,\"SLIGHTLY\"]");
    }

    @Test
    void a_missing_or_odd_idempotency_key_is_replaced_and_a_good_one_kept() {
        assertThat(IntakeForm.from(params("idempotencyKey", "abc-123")).idempotencyKey()).isEqualTo("abc-123");
        assertThat(IntakeForm.from(params("idempotencyKey", "<script>")).idempotencyKey()).hasSize(36);
        assertThat(IntakeForm.from(params()).idempotencyKey()).hasSize(36);
        assertThat(IntakeForm.blank().idempotencyKey()).isNotEqualTo(IntakeForm.blank().idempotencyKey());
    }

    @Test
    void each_pointer_lands_on_the_field_that_produced_it() {
        assertThat(FormProblems.fieldOf("/patient/mrn")).isEqualTo("patient.mrn");
        assertThat(FormProblems.fieldOf("/complaint/region")).isEqualTo("complaint.region");
        assertThat(FormProblems.fieldOf("/findings/2")).isEqualTo("findings");
        assertThat(FormProblems.fieldOf("/startBack/answers/0")).isEqualTo("startBack.1");
        assertThat(FormProblems.fieldOf("/startBack/answers/8")).isEqualTo("startBack.9");
        assertThat(FormProblems.fieldOf("/improving")).isEqualTo("improving");
        assertThat(FormProblems.fieldOf("/finding")).isEqualTo(FormProblems.ELSEWHERE);

        FormProblems problems = FormProblems.of(List.of(
                new FieldProblem("/improving", "is required when conservativeCareWeeks is more than 0"),
                new FieldProblem("/findings", "must not list a finding twice"),
                new FieldProblem("/findings/1", "must be one of: ..."),
                new FieldProblem("/patient/mrn", "is required")));
        assertThat(problems.summary()).isEqualTo("3 fields need attention");
        assertThat(problems.items()).extracting(FormProblems.Item::field).containsExactly("patient.mrn", "findings", "improving");
        assertThat(problems.error("improving"))
                .isEqualTo("Improving is required when weeks of conservative care is more than 0");
        assertThat(problems.error("findings")).isEqualTo("Findings must not list a finding twice and must be one of: ...");
        assertThat(problems.describedBy("patient.mrn", true)).isEqualTo("patient-mrn-error patient-mrn-hint");
        assertThat(problems.describedBy("patient.phone", false)).isNull();
        assertThat(problems.invalid("patient.phone")).isNull();
        assertThat(problems.items().get(1).anchor()).isEqualTo("finding-BLADDER_OR_BOWEL_DYSFUNCTION");
    }

    private static String birthDate(String typed) {
        return IntakeForm.from(params("patient.birthDate", typed)).toJson().at("/patient/birthDate").asText();
    }

    private static MultiValueMap<String, String> params(String... namesAndValues) {
        MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }
}
