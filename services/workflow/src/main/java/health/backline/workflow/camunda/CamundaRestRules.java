package health.backline.workflow.camunda;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an administrator may do through Camunda REST ({@code /engine-rest}, and Cockpit's and Admin's
 * {@code /camunda/api/engine}), by method and path inside the REST API (e.g. {@code /task/42/complete}). Camunda
 * checks no authorization for its admins, so this is where their writes are limited:
 *
 * <ul>
 *   <li>reading: every {@code GET}, and the queries sent as {@code POST} (a list or a count);</li>
 *   <li>running a job at once ({@code POST /job/{id}/execute}, the contract's way to fire a timer);</li>
 *   <li>never: clinical work or variables: completing, submitting, claiming, assigning or delegating a task,
 *   writing a variable, correlating a message, sending a signal, starting or modifying an instance;</li>
 *   <li>anything else that deploys, deletes or modifies only when {@code backline.camunda.rest-writes-enabled}
 *   (true in the embedded default, false anywhere else unless set).</li>
 * </ul>
 *
 * <p>Other users (clinicians in Tasklist) are held by Camunda's authorizations (READ and TASK_WORK on their queue's
 * tasks) and by the engine's task guard.
 */
final class CamundaRestRules {

    /** Path segments of requests that do clinical work or write variables. */
    static final Set<String> NEVER = Set.of("complete", "submit-form", "resolve", "claim", "unclaim", "delegate",
            "assignee", "identity-links", "variables", "localVariables", "message", "signal", "start", "modification",
            "condition", "restart");

    private static final Pattern QUERY = Pattern.compile("^/(task|process-instance|execution|variable-instance|job"
            + "|job-definition|external-task|incident|case-instance|case-execution|group|history/(process-instance"
            + "|activity-instance|task|variable-instance|detail|incident|job-log|external-task-log|decision-instance"
            + "|user-operation|identity-link-log|batch|case-instance|case-activity-instance))(/count)?$"
            + "|^/filter/[^/]+/(list|count|singleResult)$");
    private static final Pattern EXECUTE_JOB = Pattern.compile("^/job/[^/]+/execute$");
    private static final Set<String> READING = Set.of("GET", "HEAD", "OPTIONS");

    private CamundaRestRules() {
    }

    /** Why an administrator may not send this request, or empty when they may. */
    static Optional<String> refusalForAdmin(String method, String path, boolean writesEnabled) {
        if (READING.contains(method) || ("POST".equals(method) && QUERY.matcher(path).matches())) {
            return Optional.empty();
        }
        if ("POST".equals(method) && EXECUTE_JOB.matcher(path).matches()) {
            return Optional.empty();
        }
        if (Arrays.stream(path.split("/")).anyMatch(NEVER::contains)) {
            return Optional.of("Administrators read through Camunda REST; they do not work tasks or change variables ("
                    + method + " " + path + ")");
        }
        if (!writesEnabled) {
            return Optional.of("Deploying, deleting or modifying through Camunda REST is switched off here ("
                    + method + " " + path + "); backline.camunda.rest-writes-enabled=true allows it");
        }
        return Optional.empty();
    }
}
