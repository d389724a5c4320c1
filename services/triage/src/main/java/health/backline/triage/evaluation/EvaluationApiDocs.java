package health.backline.triage.evaluation;

import static health.backline.starter.apidocs.OperationDocs.operation;
import static org.springframework.http.HttpMethod.POST;

import health.backline.starter.apidocs.ApiDocs;
import health.backline.starter.intake.IntakeExamples;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dry-run evaluation in the API docs, with the contract's example intake and its result (API.md, Triage). */
@Configuration(proxyBeanMethods = false)
class EvaluationApiDocs {

    /** What the service answers for the contract's example intake; EvaluationExampleIT holds it to that. */
    static final String EXAMPLE_RESULT = "/api-examples/evaluation.json";

    @Bean
    ApiDocs evaluationOperations() {
        return ApiDocs.of(IntakeExamples.takesTheIntake(operation(POST, "/api/triage/evaluate",
                        "Triage an intake without storing or publishing anything; clinicians, clinical leads, admins"))
                .answer(200, "The triage result", EXAMPLE_RESULT));
    }
}
