package health.backline.workflow.tasks;

import static health.backline.starter.apidocs.OperationDocs.operation;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import health.backline.starter.apidocs.ApiDocs;
import health.backline.starter.apidocs.OperationDocs;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The task API in the API docs: an answer example per kind of task (API.md, Tasks), each one TaskAnswers accepts. */
@Configuration(proxyBeanMethods = false)
class TaskApiDocs {

    static final String TASKS = "/api-examples/tasks.json";
    private static final String NOT_YOUR_QUEUE = "The queue is not one the user's role serves";

    /** The example answer to a kind of task, named by its key. */
    static String completion(TaskKind kind) {
        return "/api-examples/complete-" + kind.key() + ".json";
    }

    @Bean
    ApiDocs taskOperations() {
        OperationDocs complete = operation(POST, "/api/tasks/{id}/complete",
                "Complete a task with the answer its key asks for; the queue's roles, its assignee once claimed")
                .answer(204, "Completed", null)
                .problem(400, "The body does not fit the task: every field at fault is named", null)
                .problem(403, NOT_YOUR_QUEUE + ", or another user claimed the task", null)
                .problem(409, "The task is already completed", null);
        for (TaskKind kind : TaskKind.values()) {
            complete.request(kind.key(), completion(kind));
        }
        return ApiDocs.of(
                operation(GET, "/api/tasks", "Open human tasks, most urgent first, of the queues the role serves "
                        + "(queue: clinician, clinical-lead or scheduler)")
                        .answer(200, "The open tasks", TASKS)
                        .problem(403, NOT_YOUR_QUEUE, null),
                operation(POST, "/api/tasks/{id}/claim", "Claim a task of one of the role's queues")
                        .answer(200, "The task, assigned to the caller", null)
                        .problem(403, NOT_YOUR_QUEUE, null),
                complete);
    }
}
