package health.backline.workflow.tasks;

import health.backline.events.Pathway;
import org.springframework.stereotype.Component;

/**
 * A human task's priority, and a job's, follows its referral's pathway ({@code ${taskPriorities.of(pathway)}}):
 * task queues list the most urgent first, and the job executor takes the most urgent due jobs first.
 */
@Component("taskPriorities")
public class TaskPriorities {

    /** The pathway may not be known yet (triage overdue); the expression language passes that as "". */
    public int of(String pathway) {
        if (pathway == null || pathway.isBlank()) {
            return 50;
        }
        return switch (Pathway.valueOf(pathway)) {
            case ER_REFERRAL -> 100;
            case URGENT_IMAGING -> 75;
            case PHYSICAL_THERAPY, PRIMARY_CARE_FOLLOW_UP -> 50;
        };
    }
}
