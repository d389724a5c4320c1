package health.backline.workflow.tasks;

import health.backline.workflow.tasks.QueueForecast.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One queue's deadline outlook (GET /api/queues, ADR 22): its open work, the last hour's arrivals and completions,
 * and the {@link QueueForecast} they make.
 *
 * @param projectedBreachIn until the first projected breach of a task not yet overdue (ISO-8601), or null
 * @param atRisk            a breach is projected within the warning horizon and nothing is overdue yet
 * @param overdue           open tasks past their due
 * @param backlogGrowing    more tasks arrived than were completed in the last hour
 */
public record QueueRisk(String queue, String title, long openTasks, long arrivalsLastHour, long completionsLastHour,
                        Instant nextDue, Duration projectedBreachIn, boolean atRisk, long overdue, Status status,
                        boolean backlogGrowing) {

    static QueueRisk of(TaskQueue queue, long open, long arrivals, long completions, QueueForecast forecast) {
        Duration breachIn = forecast.breachIn() == null ? null : forecast.breachIn().truncatedTo(ChronoUnit.SECONDS);
        return new QueueRisk(queue.group(), queue.title(), open, arrivals, completions, forecast.nextDue(), breachIn, forecast.status() == Status.AT_RISK, forecast.overdue(), forecast.status(),
                arrivals > completions);
    }
}
