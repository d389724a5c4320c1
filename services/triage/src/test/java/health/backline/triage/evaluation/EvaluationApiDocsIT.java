package health.backline.triage.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.starter.intake.IntakeExamples;
import health.backline.testsupport.ClasspathText;
import health.backline.testsupport.WithRealInfrastructure;
import health.backline.testsupport.apidocs.ApiDocsCheck;
import health.backline.testsupport.apidocs.ServedApiDocs;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Triage's API docs: behind sign-in, exactly the contract's endpoints (docs/contract/endpoints.txt), and the
 * documented result is what the contract's example intake gets. The same configuration as TriageIT, so one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class EvaluationApiDocsIT {

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    ObjectMapper json;

    @Test
    void the_docs_need_a_login_and_document_exactly_the_endpoint_list() {
        ApiDocsCheck.forService("triage").assertMatches(ServedApiDocs.of(URI.create("http://127.0.0.1:" + port))
                .fetchWithBasic());
    }

    @Test
    void the_documented_example_intake_gets_the_documented_result() throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<JsonNode> answer = http.withBasicAuth("clinician", "clinician").postForEntity(
                "http://127.0.0.1:" + port + "/api/triage/evaluate",
                new HttpEntity<>(ClasspathText.of(IntakeExamples.INTAKE), headers), JsonNode.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody()).isEqualTo(json.readTree(ClasspathText.of(EvaluationApiDocs.EXAMPLE_RESULT)));
    }
}
