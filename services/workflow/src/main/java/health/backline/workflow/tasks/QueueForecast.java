package health.backline.workflow.tasks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where one queue's open work is heading (ADR 22). Its tasks are done in the queue's own order (most urgent, then
 * earliest due) at the pace of the last hour: with μ tasks completed in that hour, the task at position k (from 0)
 * is done at now + (k + 1) hours / μ. A task that would be done after its due breaches at its due; with μ = 0 every
 * task breaches at its due. The queue is at risk when a breach is projected within the warning horizon and nothing
 * is overdue yet; overdue once a task is past its due.
 *
 * @param overdue   open tasks past their due
 * @param nextDue   the earliest due of the open tasks (past when one is overdue), or null when none has one
 * @param breachIn  from now until the first projected breach of a task not yet overdue, or null when none is projected
 */
public record QueueForecast(long overdue, Instant nextDue, Duration breachIn, Status status) {

    private static final Duration HOUR = Duration.ofHours(1);

    public enum Status {
        ON_TRACK, AT_RISK, OVERDUE
    }

    /**
     * @param duesInWorkOrder the open tasks' due times in the order the queue is worked (null: a task without one)
     * @param completedLastHour the queue's tasks completed in the hour before now: its pace
     */
    static QueueForecast of(List<Instant> duesInWorkOrder, long completedLastHour, Instant now, Duration horizon) {
        long overdue = 0;
        Instant nextDue = null;
        Duration breachIn = null;
        for (int position = 0; position < duesInWorkOrder.size(); position++) {
            Instant due = duesInWorkOrder.get(position);
            if (due == null) {
                continue;
            }
            if (nextDue == null || due.isBefore(nextDue)) {
                nextDue = due;
            }
            if (due.isBefore(now)) {
                overdue++;
            } else if (completedLastHour == 0 || doneAt(position, completedLastHour, now).isAfter(due)) {
                Duration untilDue = Duration.between(now, due);
                if (breachIn == null || untilDue.compareTo(breachIn) < 0) {
                    breachIn = untilDue;
                }
            }
        }
        Status status = overdue > 0 ? Status.OVERDUE
                : breachIn != null && breachIn.compareTo(horizon) <= 0 ? Status.AT_RISK
                : Status.ON_TRACK;
        return new QueueForecast(overdue, nextDue, breachIn, status);
    }

    /** When the task at this position is done, at the last hour's pace. */
    private static Instant doneAt(int position, long completedLastHour, Instant now) {
        return now.plus(HOUR.multipliedBy(position + 1L).dividedBy(completedLastHour));
    }
}
