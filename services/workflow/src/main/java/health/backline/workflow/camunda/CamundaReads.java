package health.backline.workflow.camunda;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Camunda REST requests that return a referral's variables (patient name, MRN, findings...), by method and path
 * inside the REST API, and where the referrals they read are found: in the path (a task, an instance, an
 * execution) or in the answer (a list of variables, each with its process instance).
 */
final class CamundaReads {

    /** What a read names: the kind of thing in its path and its id, or {@code LISTED} for the answer's instances. */
    enum Subject { TASK, PROCESS_INSTANCE, EXECUTION, LISTED }

    record Read(Subject subject, String id) {
    }

    private static final Pattern OF_ONE = Pattern.compile(
            "^/(task|process-instance|execution)/([^/]+)/(variables|localVariables|form-variables|rendered-form)(/.*)?$");
    private static final Pattern LISTS = Pattern.compile("^/(variable-instance|history/variable-instance|history/detail)$");
    private static final Pattern ANSWERED_WITH_VARIABLES = Pattern.compile("^/task/([^/]+)/(complete|submit-form)$");

    private CamundaReads() {
    }

    /** The read this request is, if it returns variables. A {@code POST} that completes a task returns them with 200. */
    static Optional<Read> of(String method, String path) {
        if ("GET".equals(method)) {
            Matcher one = OF_ONE.matcher(path);
            if (one.matches()) {
                Subject subject = switch (one.group(1)) {
                    case "task" -> Subject.TASK;
                    case "process-instance" -> Subject.PROCESS_INSTANCE;
                    default -> Subject.EXECUTION;
                };
                return Optional.of(new Read(subject, one.group(2)));
            }
        }
        if (("GET".equals(method) || "POST".equals(method)) && LISTS.matcher(path).matches()) {
            return Optional.of(new Read(Subject.LISTED, null));
        }
        if ("POST".equals(method)) {
            Matcher answered = ANSWERED_WITH_VARIABLES.matcher(path);
            if (answered.matches()) {
                return Optional.of(new Read(Subject.TASK, answered.group(1)));
            }
        }
        return Optional.empty();
    }
}
