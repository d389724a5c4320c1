package health.backline.workflow.tasks;

import health.backline.starter.security.Role;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** The task queues of the contract, each a Camunda candidate group, and the roles that work it. */
enum TaskQueue {
    CLINICIAN("clinician", "Clinician queue", Set.of(Role.CLINICIAN, Role.CLINICAL_LEAD)),
    CLINICAL_LEAD("clinical-lead", "Clinical lead: overdue and escalated work", Set.of(Role.CLINICAL_LEAD)),
    SCHEDULER("scheduler", "Scheduler: book by hand", Set.of(Role.SCHEDULER));

    private final String group;
    private final String title;
    private final Set<Role> workedBy;

    TaskQueue(String group, String title, Set<Role> workedBy) {
        this.group = group;
        this.title = title;
        this.workedBy = workedBy;
    }

    /** What the queue page calls it. */
    String title() {
        return title;
    }

    /** The queue's name in the API and its candidate group in the process. */
    String group() {
        return group;
    }

    boolean isWorkedBy(Role role) {
        return workedBy.contains(role);
    }

    static Optional<TaskQueue> named(String name) {
        return Arrays.stream(values()).filter(queue -> queue.group.equals(name)).findFirst();
    }
}
