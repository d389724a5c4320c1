package health.backline.triage.replay;

import static health.backline.starter.apidocs.OperationDocs.operation;
import static org.springframework.http.HttpMethod.POST;

import health.backline.starter.apidocs.ApiDocs;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The rule replay in the API docs (API.md, Governance). */
@Configuration(proxyBeanMethods = false)
class ReplayApiDocs {

    static final String EXAMPLE_RESULT = "/api-examples/replay.json";

    @Bean
    ApiDocs replayOperations() {
        return ApiDocs.of(operation(POST, ReplayController.PATH,
                        "Re-evaluate the stored facts of every referral triaged from 'from' (inclusive) to 'to' "
                                + "(exclusive), ISO instants, with a candidate DMN table (the body, application/xml, "
                                + "or the one file of a multipart/form-data upload); stores and publishes nothing; "
                                + "clinical leads, admins")
                .answer(200, "How many were evaluated, the referrals whose pathway or rules would change, the pathway "
                        + "matrix (rows: stored, columns: candidate) and how many would go to a less urgent pathway",
                        EXAMPLE_RESULT)
                .problem(400, "The period is missing or empty, or the table does not parse or its decision, hit "
                        + "policy, inputs, outputs or rule ids do not fit the live table's; every reason is listed",
                        null));
    }
}
