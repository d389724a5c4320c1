package health.backline.workflow.outcomes;

import static health.backline.starter.apidocs.OperationDocs.operation;
import static org.springframework.http.HttpMethod.GET;

import health.backline.starter.apidocs.ApiDocs;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The outcomes in the API docs (API.md, Governance). */
@Configuration(proxyBeanMethods = false)
class OutcomesApiDocs {

    static final String OUTCOMES = "/api-examples/outcomes.json";

    @Bean
    ApiDocs outcomeOperations() {
        return ApiDocs.of(operation(GET, "/api/outcomes", "Reassessments per pathway in a period (from inclusive, to "
                        + "exclusive: dates of the clinic or instants; default the last 12 calendar months): how many, how many "
                        + "improving (the clinician's outcome), how many the 30 % pain rule calls improving, the median pain "
                        + "change (reassessment - intake). Clinical leads and admins")
                .answer(200, "Every pathway's figures", OUTCOMES)
                .problem(400, "from or to is not a date or instant, or from is not before to", null));
    }
}
