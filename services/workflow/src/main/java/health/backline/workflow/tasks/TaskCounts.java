package health.backline.workflow.tasks;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/**
 * How much work waits in each queue and how much of it is past its due time: two count queries per
 * queue, as the gauges {@code backline.tasks.open} and {@code backline.tasks.overdue} (tag {@code queue}).
 * The dashboard reads the same through {@link QueueRisks}.
 */
@Component
class TaskCounts {

    public static final String OPEN = "backline.tasks.open";
    public static final String OVERDUE = "backline.tasks.overdue";

    private final TaskService tasks;

    TaskCounts(TaskService tasks, MeterRegistry registry) {
        this.tasks = tasks;
        for (TaskQueue queue : TaskQueue.values()) {
            Gauge.builder(OPEN, () -> open(queue).count()).tag("queue", queue.group())
                    .description("Open human tasks in the queue").register(registry);
            Gauge.builder(OVERDUE, () -> open(queue).dueBefore(ClockUtil.getCurrentTime()).count()).tag("queue", queue.group())
                    .description("Open human tasks in the queue past their due time").register(registry);
        }
    }

    /** The queue's open tasks, claimed or not. */
    TaskQuery open(TaskQueue queue) {
        return tasks.createTaskQuery().taskCandidateGroup(queue.group()).includeAssignedTasks().active();
    }
}
