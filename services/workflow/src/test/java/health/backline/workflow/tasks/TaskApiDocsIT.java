package health.backline.workflow.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.testsupport.ClasspathText;
import health.backline.testsupport.apidocs.ApiDocsCheck;
import health.backline.testsupport.apidocs.ServedApiDocs;
import health.backline.workflow.WorkflowServiceTest;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The workflow's API docs: behind sign-in, exactly the contract's endpoints (docs/contract/endpoints.txt), real examples. */
@WorkflowServiceTest
class TaskApiDocsIT {

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    @Autowired
    TaskAnswers answers;

    @Test
    void the_docs_need_a_login_and_document_exactly_the_endpoint_list() {
        ApiDocsCheck.forService("workflow").assertMatches(ServedApiDocs.of(service()).fetchWithBasic());
    }

    @Test
    void a_person_in_a_browser_signs_in_on_the_form_and_reads_swagger_ui() {
        ServedApiDocs.of(service()).assertSwaggerUiAfterFormSignIn();
    }

    @Test
    void every_kind_of_task_has_a_documented_answer_that_the_task_api_takes() {
        for (TaskKind kind : TaskKind.values()) {
            JsonNode example = read(TaskApiDocs.completion(kind));
            assertThatCode(() -> answers.variablesFrom(kind, example, null)).as(kind.key()).doesNotThrowAnyException();
        }
    }

    @Test
    void the_documented_task_list_has_exactly_the_fields_and_values_of_a_task() throws Exception {
        JsonNode example = read(TaskApiDocs.TASKS);

        JsonNode readAndWrittenAgain = json.valueToTree(json.readValue(example.toString(), TaskView[].class));

        assertThat(readAndWrittenAgain).isEqualTo(example);
    }

    private JsonNode read(String resource) {
        try {
            return json.readTree(ClasspathText.of(resource));
        } catch (Exception e) {
            throw new IllegalStateException(resource, e);
        }
    }

    private URI service() {
        return URI.create("http://127.0.0.1:" + port);
    }
}
