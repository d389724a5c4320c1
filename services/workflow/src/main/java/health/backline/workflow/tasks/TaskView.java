package health.backline.workflow.tasks;

import health.backline.events.Pathway;
import health.backline.events.Priority;
import java.time.Instant;

/** An open human task as the contract lists it. {@code key} is the BPMN element id. */
record TaskView(String id, String key, String name, String referralId, Pathway pathway, Priority priority,
                String queue, Instant created, Instant due, String assignee) {
}
