package health.backline.testsupport.apidocs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiDocsCheckTest {

    private final ApiDocsCheck intake = new ApiDocsCheck("intake", ContractEndpoints.parse(List.of(
            "# a comment",
            "*       GET   /api/audit                referralId,+limit   contract",
            "intake  GET   /api/referrals            status,page         contract",
            "intake  POST  /api/referrals/{id}/fhir  -                   not-built:issue-12",
            "triage  POST  /api/triage/evaluate      -                   contract")));

    @Test
    void a_document_with_exactly_the_services_built_endpoints_matches() {
        assertThat(intake.driftFrom(document(
                get("/api/audit", "referralId", "limit"), get("/api/referrals", "page", "status"),
                "\"/login\": {\"get\": {}}"))).isEmpty();
    }

    @Test
    void every_drift_is_named_both_ways() {
        assertThat(intake.driftFrom(document(
                get("/api/referrals", "status"),
                "\"/api/referrals/{id}/fhir\": {\"post\": {}}",
                "\"/api/slots\": {\"get\": {}, \"parameters\": []}"))).containsExactly(
                "GET /api/audit is on the list but not documented",
                "GET /api/referrals documents query parameters [status], the list [page, status]",
                "POST /api/referrals/{id}/fhir is documented, so built: remove its mark not-built:issue-12",
                "GET /api/slots is documented but not on the list");
    }

    @Test
    void the_list_in_the_repository_names_every_service_and_drift_fails_the_test() {
        for (String service : List.of("intake", "triage", "workflow", "scheduling")) {
            assertThatThrownBy(() -> ApiDocsCheck.forService(service).assertMatches(document()))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("GET /api/audit is on the list but not documented");
        }
    }

    private static String document(String... paths) {
        return "{\"openapi\": \"3.0.1\", \"paths\": {" + String.join(", ", paths) + "}}";
    }

    private static String get(String path, String... query) {
        StringBuilder parameters = new StringBuilder();
        for (String name : query) {
            parameters.append(parameters.isEmpty() ? "" : ", ")
                    .append("{\"name\": \"").append(name).append("\", \"in\": \"query\"}");
        }
        return "\"" + path + "\": {\"get\": {\"parameters\": [" + parameters
                + ", {\"name\": \"id\", \"in\": \"path\"}]}}";
    }
}
