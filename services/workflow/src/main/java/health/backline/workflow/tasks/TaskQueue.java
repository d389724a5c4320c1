package health.backline.workflow.tasks;

import health.backline.events.security.Role;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** The task queues of the contract, each a Camunda candidate group, and the roles that work it. */
enum TaskQueue {
    CLINICIAN("clinician", Set.of(Role.CLINICIAN, Role.CLINICAL_LEAD)),
    CLINICAL_LEAD("clinical-lead", Set.of(Role.CLINICAL_LEAD)),
    SCHEDULER("scheduler", Set.of(Role.SCHEDULER));

    private final String group;
    private final Set<Role> workedBy;

    TaskQueue(String group, Set<Role> workedBy) {
        this.group = group;
        this.workedBy = workedBy;
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
