package health.backline.workflow.tasks;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricTaskInstanceQuery;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Deadline warnings per queue (ADR 22), for GET /api/queues, the dashboard and Prometheus. Time is the engine's
 * clock ({@link ClockUtil}): due dates, task creation and completion are written with it, so a test that moves it
 * moves everything the forecast reads.
 */
@Component
public class QueueRisks {

    public static final String AT_RISK = "backline.tasks.at.risk";
    public static final String PROJECTED_BREACH = "backline.tasks.projected.breach.seconds";
    public static final String ARRIVALS = "backline.tasks.arrivals.last.hour";
    public static final String COMPLETIONS = "backline.tasks.completions.last.hour";

    private static final Duration HOUR = Duration.ofHours(1);
    /** How the engine marks a task ended by completion, not by a cancelled referral or an interrupting timer. */
    private static final String COMPLETED = "completed";

    private final TaskCounts counts;
    private final HistoryService history;
    private final QueueRiskSettings settings;
    private volatile Reading last;

    QueueRisks(TaskCounts counts, HistoryService history, QueueRiskSettings settings, MeterRegistry registry) {
        this.counts = counts;
        this.history = history;
        this.settings = settings;
        for (TaskQueue queue : TaskQueue.values()) {
            gauge(registry, queue, AT_RISK, "1 while a breach is projected within the warning horizon and nothing is overdue",
                    risk -> risk.atRisk() ? 1 : 0);
            gauge(registry, queue, PROJECTED_BREACH, "Seconds until the first projected breach of a deadline (NaN: none)",
                    risk -> risk.projectedBreachIn() == null ? Double.NaN : risk.projectedBreachIn().toSeconds());
            gauge(registry, queue, ARRIVALS, "Tasks that arrived in the queue in the last hour", QueueRisk::arrivalsLastHour);
            gauge(registry, queue, COMPLETIONS, "Tasks of the queue completed in the last hour", QueueRisk::completionsLastHour);
        }
    }

    /** The warning horizon: at risk when a breach is projected within it. */
    public Duration warningHorizon() {
        return settings.warningHorizon();
    }

    /** Every queue, as of now on the engine's clock. */
    public List<QueueRisk> now() {
        return at(ClockUtil.now().toInstant());
    }

    /** Every queue, as of this time on the engine's clock. */
    public List<QueueRisk> at(Instant now) {
        return Arrays.stream(TaskQueue.values()).map(queue -> read(queue, now)).toList();
    }

    private QueueRisk read(TaskQueue queue, Instant now) {
        List<Instant> dues = HumanTasks.mostUrgentFirst(counts.open(queue)).list().stream()
                .map(Task::getDueDate).map(due -> due == null ? null : due.toInstant()).toList();
        Date hourAgo = Date.from(now.minus(HOUR));
        Date until = Date.from(now);
        long arrivals = ofQueue(queue).startedAfter(hourAgo).startedBefore(until).count();
        long completions = ofQueue(queue).taskDeleteReason(COMPLETED).finishedAfter(hourAgo).finishedBefore(until).count();
        QueueForecast forecast = QueueForecast.of(dues, completions, now, settings.warningHorizon());
        return QueueRisk.of(queue, dues.size(), arrivals, completions, forecast);
    }

    /** The queue's tasks in the engine's history, by their kinds (the history keeps no candidate groups). */
    private HistoricTaskInstanceQuery ofQueue(TaskQueue queue) {
        return history.createHistoricTaskInstanceQuery().taskDefinitionKeyIn(Arrays.stream(TaskKind.values())
                .filter(kind -> kind.queue() == queue).map(TaskKind::key).toArray(String[]::new));
    }

    private void gauge(MeterRegistry registry, TaskQueue queue, String name, String description,
                       ToDoubleFunction<QueueRisk> value) {
        Gauge.builder(name, () -> value.applyAsDouble(recent(queue))).tag("queue", queue.group())
                .description(description).register(registry);
    }

    /** One queue from a recent reading: one reading serves every gauge of a scrape. */
    private QueueRisk recent(TaskQueue queue) {
        Instant clock = ClockUtil.now().toInstant();
        long nanos = System.nanoTime();
        Reading reading = last;
        if (reading == null || !reading.currentAt(clock, nanos, settings.gaugeMaxAge())) {
            reading = new Reading(clock, nanos, at(clock));
            last = reading;
        }
        return reading.queues().stream().filter(risk -> risk.queue().equals(queue.group())).findFirst().orElseThrow();
    }

    /** The queues as read at a time on the engine's clock and on the machine's. */
    private record Reading(Instant clock, long nanos, List<QueueRisk> queues) {

        private static final Duration JUMP = Duration.ofSeconds(1);

        /** Taken less than maxAge ago, and the engine's clock has not jumped since (as a test moves it). */
        boolean currentAt(Instant clockNow, long nanosNow, Duration maxAge) {
            Duration real = Duration.ofNanos(nanosNow - nanos);
            Duration onClock = Duration.between(clock, clockNow);
            return real.compareTo(maxAge) < 0 && onClock.minus(real).abs().compareTo(JUMP) < 0;
        }
    }
}
