package health.backline.workflow.outcomes;

import health.backline.events.Pathway;
import health.backline.starter.metrics.AfterCommit;
import health.backline.workflow.tasks.ReassessmentOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Reassessments for Prometheus: a counter per pathway and the clinician's outcome, and the dashboard's outcomes table
 * itself, per pathway and calendar month of the months shown ({@link Outcomes#byRecentMonth}): the share improving,
 * the median pain change and the count. Prometheus cannot take an exact median of a month from a histogram, so the
 * figures come from the same query as the dashboard and {@code GET /api/outcomes}, read again at start-up and
 * after each reassessment commits (reassessments are few: one query each costs nothing).
 */
@Component
class OutcomeMetrics {

    private static final Logger log = LoggerFactory.getLogger(OutcomeMetrics.class);

    static final String REASSESSMENTS = "backline.reassessments";
    static final String MONTHLY = "backline.outcomes.monthly.";

    private final MeterRegistry registry;
    private final Outcomes outcomes;
    private final ZoneId zone;
    private final MultiGauge improvingShare;
    private final MultiGauge medianPainChange;
    private final MultiGauge reassessed;

    OutcomeMetrics(MeterRegistry registry, Outcomes outcomes, ZoneId clinicZone) {
        this.registry = registry;
        this.outcomes = outcomes;
        this.zone = clinicZone;
        for (Pathway pathway : Pathway.values()) {
            for (ReassessmentOutcome outcome : ReassessmentOutcome.values()) {
                reassessments(pathway.name(), outcome.name());
            }
        }
        improvingShare = monthly("improving.share", "Share of reassessments the clinician judged improving");
        medianPainChange = monthly("pain.change.median",
                "Median pain change at reassessment (reassessment - intake, 0-10 scale; negative is better)");
        reassessed = monthly("reassessed", "Reassessments completed");
    }

    void reassessed(Reassessment reassessment) {
        AfterCommit.run(() -> {
            reassessments(reassessment.pathway(), reassessment.outcome()).increment();
            readMonths();
        });
    }

    /** A failed reading keeps the last one: the reassessment it follows has committed and must not look failed. */
    @EventListener(ApplicationReadyEvent.class)
    void readMonths() {
        List<Outcomes.MonthRow> months;
        try {
            months = outcomes.byRecentMonth(ClockUtil.getCurrentTime().toInstant(), zone);
        } catch (DataAccessException e) {
            log.warn("Monthly outcome gauges keep their last reading: {}", e.getMessage());
            return;
        }
        improvingShare.register(rows(months, Outcomes.Figures::improvingShare), true);
        medianPainChange.register(rows(months, Outcomes.Figures::medianPainChange), true);
        reassessed.register(rows(months, figures -> figures.reassessed()), true);
    }

    private static List<MultiGauge.Row<?>> rows(List<Outcomes.MonthRow> months, Function<Outcomes.Figures, Number> figure) {
        return months.stream().filter(month -> figure.apply(month.figures()) != null)
                .<MultiGauge.Row<?>>map(month -> MultiGauge.Row.of(
                        Tags.of("pathway", month.pathway().name(), "month", month.month()), figure.apply(month.figures())))
                .toList();
    }

    private MultiGauge monthly(String name, String description) {
        return MultiGauge.builder(MONTHLY + name).description(description + ", per pathway and calendar month")
                .register(registry);
    }

    private Counter reassessments(String pathway, String outcome) {
        return Counter.builder(REASSESSMENTS).tag("pathway", pathway).tag("outcome", outcome)
                .description("Reassessments completed, by pathway and the clinician's outcome").register(registry);
    }
}
