package health.backline.workflow.tasks;

import static health.backline.starter.apidocs.OperationDocs.operation;
import static org.springframework.http.HttpMethod.GET;

import health.backline.starter.apidocs.ApiDocs;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The deadline warnings per queue in the API docs (an addition to the contract, ADR 22). */
@Configuration(proxyBeanMethods = false)
class QueueApiDocs {

    static final String QUEUES = "/api-examples/queues.json";

    @Bean
    ApiDocs queueOperations() {
        return ApiDocs.of(operation(GET, "/api/queues", "Deadline warnings per queue (clinical lead, admin): open tasks, "
                + "arrivals and completions in the last hour, the projected time until the next deadline breach, "
                + "at risk or overdue")
                .answer(200, "Every queue", QUEUES));
    }
}
