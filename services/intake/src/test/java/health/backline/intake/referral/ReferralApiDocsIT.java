package health.backline.intake.referral;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.backline.intake.IntakeServiceTest;
import health.backline.starter.intake.IntakeExamples;
import health.backline.starter.intake.IntakeValidator;
import health.backline.starter.intake.NewFindings;
import health.backline.testsupport.ClasspathText;
import health.backline.testsupport.apidocs.ApiDocsCheck;
import health.backline.testsupport.apidocs.ServedApiDocs;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Intake's API docs: behind sign-in, exactly the contract's endpoints (docs/contract/endpoints.txt), real examples. */
@IntakeServiceTest
class ReferralApiDocsIT {

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    ObjectMapper json;

    @Autowired
    IntakeValidator validator;

    @Test
    void the_docs_need_a_login_and_document_exactly_the_endpoint_list() {
        ApiDocsCheck.forService("intake").assertMatches(ServedApiDocs.of(service()).fetchWithBasic());
    }

    @Test
    void a_person_in_a_browser_signs_in_on_the_form_and_reads_swagger_ui() {
        ServedApiDocs.of(service()).assertSwaggerUiAfterFormSignIn();
    }

    @Test
    void the_documented_invalid_intake_gets_the_documented_problem() throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<JsonNode> answer = http.withBasicAuth("frontdesk", "frontdesk").postForEntity(
                service().resolve("/api/referrals"),
                new HttpEntity<>(ClasspathText.of(IntakeExamples.INVALID_INTAKE), headers), JsonNode.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        ObjectNode documented = (ObjectNode) json.readTree(ClasspathText.of(IntakeExamples.INVALID_INTAKE_PROBLEM));
        ObjectNode answered = (ObjectNode) answer.getBody();
        assertThat(answered.remove("errors")).containsExactlyInAnyOrderElementsOf(documented.remove("errors"));
        answered.remove("instance");
        assertThat(answered).isEqualTo(documented);
    }

    @Test
    void the_documented_referral_view_has_exactly_the_fields_and_values_of_a_referral_view() throws Exception {
        JsonNode example = json.readTree(ClasspathText.of(ReferralApiDocs.REFERRAL_VIEW));

        JsonNode readAndWrittenAgain = json.valueToTree(json.readValue(example.toString(), ReferralView.class));

        assertThat(readAndWrittenAgain).isEqualTo(example);
        assertThat(json.readTree(ClasspathText.of(ReferralApiDocs.CANCEL)).fieldNames()).toIterable()
                .containsExactly("reason");
    }

    @Test
    void the_documented_new_findings_are_valid_and_give_every_field() throws Exception {
        NewFindings example = validator.validateFindings(json.readTree(ClasspathText.of(ReferralApiDocs.FINDINGS)));

        assertThat(example.findings()).isNotEmpty();
        assertThat(example.painScore()).isNotNull();
        assertThat(example.symptomDurationDays()).isNotNull();
        assertThat(example.note()).isNotBlank();
    }

    private URI service() {
        return URI.create("http://127.0.0.1:" + port);
    }
}
