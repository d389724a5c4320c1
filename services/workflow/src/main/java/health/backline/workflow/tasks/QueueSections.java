package health.backline.workflow.tasks;

import health.backline.events.Priority;
import health.backline.starter.security.Role;
import health.backline.workflow.tasks.HumanTasks.OpenTask;
import health.backline.starter.web.Formats;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The queue page's content: the queues a user's roles work, each with its open tasks, most urgent first. */
@Component
class QueueSections {

    private final HumanTasks tasks;
    private final ZoneId zone;

    QueueSections(HumanTasks tasks, ZoneId clinicZone) {
        this.tasks = tasks;
        this.zone = clinicZone;
    }

    record QueueLink(String queue, String title) {
    }

    record QueueSection(String queue, String title, List<QueueRow> rows, long overdue) {
    }

    /** One row of a queue, with its times already written for people. */
    record QueueRow(String id, String name, String referralId, String referral, String patient, String pathway,
                    String pathwayLabel, String priority, String due, boolean overdue, String dueNote,
                    String assignee, boolean mine) {
    }

    /** The queues these roles work: a lead's escalations first, since they are overdue already. */
    static List<TaskQueue> workedBy(Set<Role> roles) {
        return Arrays.stream(TaskQueue.values())
                .filter(q -> roles.stream().anyMatch(q::isWorkedBy))
                .sorted(Comparator.comparingInt(q -> q == TaskQueue.CLINICAL_LEAD ? 0 : 1))
                .toList();
    }

    QueueSection section(TaskQueue queue, String user, Instant now) {
        List<QueueRow> rows = tasks.openTasks(List.of(queue), null).stream().map(open -> row(open, user, now)).toList();
        return new QueueSection(queue.group(), queue.title(), rows, rows.stream().filter(QueueRow::overdue).count());
    }

    QueueRow row(OpenTask open, String user, Instant now) {
        TaskView task = open.view();
        boolean overdue = task.due() != null && task.due().isBefore(now);
        String dueNote = task.due() == null ? ""
                : overdue ? Formats.span(Duration.between(task.due(), now)) + " overdue"
                : "in " + Formats.span(Duration.between(now, task.due()));
        return new QueueRow(task.id(), task.name(), task.referralId(), Formats.shortId(task.referralId()),
                open.patientName(), task.pathway() == null ? null : task.pathway().name(),
                Formats.pathway(task.pathway()), (task.priority() == null ? Priority.ROUTINE : task.priority()).label(),
                task.due() == null ? "No due time" : Formats.time(task.due(), now, zone), overdue, dueNote,
                task.assignee(), user.equals(task.assignee()));
    }
}
