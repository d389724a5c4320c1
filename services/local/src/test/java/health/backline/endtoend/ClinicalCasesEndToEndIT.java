package health.backline.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.endtoend.RunningBackline.Response;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every clinical case of {@code processes/triage/cases.json}, submitted through the intake API of
 * the packaged intake and triage services, reaches TRIAGED with the expected pathway and rules.
 */
class ClinicalCasesEndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningBackline backline;
    private static JsonNode cases;
    private static final Map<String, String> referralOfCase = new LinkedHashMap<>();

    @BeforeAll
    static void submitEveryCase() throws Exception {
        backline = RunningBackline.start("intake", "triage");
        try (InputStream in = ClinicalCasesEndToEndIT.class.getClassLoader()
                .getResourceAsStream("processes/triage/cases.json")) {
            cases = JSON.readTree(in).get("cases");
        }
        for (JsonNode clinicalCase : cases) {
            Response accepted = backline.post("intake", "/api/referrals", "frontdesk",
                    clinicalCase.get("intake").toString(), Map.of());
            assertThat(accepted.status()).as(clinicalCase.get("id").asText()).isEqualTo(202);
            referralOfCase.put(clinicalCase.get("id").asText(), accepted.body().get("id").asText());
        }
    }

    @AfterAll
    static void stop() {
        if (backline != null) {
            backline.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> every_clinical_case_reaches_its_expected_pathway_and_rules() {
        assertThat(cases).isNotEmpty();
        return Stream.of(JSON.convertValue(cases, JsonNode[].class)).map(clinicalCase -> DynamicTest.dynamicTest(
                clinicalCase.get("id").asText() + ": " + clinicalCase.get("title").asText(), () -> {
                    String referral = referralOfCase.get(clinicalCase.get("id").asText());
                    JsonNode view = awaitTriaged(referral);
                    JsonNode expected = clinicalCase.get("expected");
                    assertThat(view.get("pathway").asText()).isEqualTo(expected.get("pathway").asText());
                    assertThat(view.at("/triage/pathway").asText()).isEqualTo(expected.get("pathway").asText());
                    assertThat(view.at("/triage/rules")).isEqualTo(expected.get("rules"));
                    assertThat(view.at("/triage/reasons")).hasSize(expected.get("rules").size());
                    assertThat(view.get("timeline").findValuesAsText("status")).containsExactly("SUBMITTED", "TRIAGED");
                }));
    }

    @Test
    void a_double_submission_with_one_idempotency_key_makes_one_referral() {
        String key = UUID.randomUUID().toString();
        String intake = cases.get(0).get("intake").toString();

        Response first = backline.post("intake", "/api/referrals", "frontdesk", intake, Map.of("Idempotency-Key", key));
        Response again = backline.post("intake", "/api/referrals", "frontdesk", intake, Map.of("Idempotency-Key", key));

        assertThat(List.of(first.status(), again.status())).containsExactly(202, 200);
        assertThat(again.body().get("id")).isEqualTo(first.body().get("id"));
        assertThat(awaitTriaged(first.body().get("id").asText()).get("pathway").asText())
                .isEqualTo(cases.get(0).at("/expected/pathway").asText());
    }

    @Test
    void a_clinician_can_ask_triage_what_it_would_propose_for_a_case() {
        JsonNode clinicalCase = cases.get(cases.size() - 1);

        Response evaluation = backline.post("triage", "/api/triage/evaluate", "clinician",
                clinicalCase.get("intake").toString(), Map.of());

        assertThat(evaluation.status()).isEqualTo(200);
        assertThat(evaluation.body().get("pathway").asText()).isEqualTo(clinicalCase.at("/expected/pathway").asText());
        assertThat(evaluation.body().get("rules")).isEqualTo(clinicalCase.at("/expected/rules"));
    }

    private static JsonNode awaitTriaged(String referral) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> backline.get("intake", "/api/referrals/" + referral, "frontdesk").body(),
                        view -> view != null && "TRIAGED".equals(view.path("status").asText()));
    }
}
