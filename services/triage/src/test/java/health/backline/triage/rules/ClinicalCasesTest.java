package health.backline.triage.rules;

import static health.backline.triage.rules.Triage.triage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import health.backline.events.Pathway;
import health.backline.events.intake.Intake;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The clinical example intakes (processes/triage/cases.json) through the decision table. */
class ClinicalCasesTest {

    private static final String CASES = "processes/triage/cases.json";
    private static final LocalDate INTAKE_DAY = LocalDate.of(2026, 11, 21);
    private static final JsonMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    record ClinicalCase(Intake intake, Pathway pathway, List<String> rules) {
    }

    static Stream<Named<ClinicalCase>> cases() throws IOException {
        try (InputStream in = ClinicalCasesTest.class.getClassLoader().getResourceAsStream(CASES)) {
            assertThat(in).as(CASES + " on the classpath").isNotNull();
            List<Named<ClinicalCase>> cases = new ArrayList<>();
            for (JsonNode node : JSON.readTree(in).get("cases")) {
                JsonNode expected = node.get("expected");
                ClinicalCase clinicalCase = new ClinicalCase(
                        JSON.treeToValue(node.get("intake"), Intake.class),
                        Pathway.valueOf(expected.get("pathway").asText()),
                        List.of(JSON.treeToValue(expected.get("rules"), String[].class)));
                cases.add(Named.of(node.get("id").asText() + ": " + node.get("title").asText(), clinicalCase));
            }
            assertThat(cases).isNotEmpty();
            return cases.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void each_example_intake_gets_its_expected_pathway_and_rules(ClinicalCase clinicalCase) {
        TriageDecision decision = triage(TriageFacts.of(clinicalCase.intake(), INTAKE_DAY));

        assertThat(decision.pathway()).isEqualTo(clinicalCase.pathway());
        assertThat(decision.rules()).containsExactlyElementsOf(clinicalCase.rules());
    }

    /** End-to-end runs use today's date, so no example may sit on an age threshold (50, 70). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void each_example_keeps_its_outcome_whatever_year_it_is_triaged(ClinicalCase clinicalCase) {
        for (int year = 2025; year <= 2035; year++) {
            TriageDecision decision = triage(TriageFacts.of(clinicalCase.intake(), LocalDate.of(year, 6, 30)));

            assertThat(decision.rules()).as("triaged in %d", year).containsExactlyElementsOf(clinicalCase.rules());
        }
    }
}
