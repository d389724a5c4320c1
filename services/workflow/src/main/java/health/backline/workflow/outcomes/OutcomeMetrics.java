package health.backline.workflow.outcomes;

import health.backline.events.Pathway;
import health.backline.starter.metrics.AfterCommit;
import health.backline.workflow.tasks.ReassessmentOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Reassessments for Prometheus, counted after the engine's transaction commits: how many per pathway and outcome, and
 * the pain change's distribution per pathway. A summary keeps no negative amount, so it records the pain's fall
 * (intake − reassessment, negated change) plus 10, always 0-20; Grafana subtracts the 10 again. Grafana shows the
 * share improving and the mean change per pathway over any window, such as a calendar month; the exact monthly
 * medians are {@code GET /api/outcomes} and the dashboard's table (docs/adr/0021-measured-outcomes.md).
 */
@Component
class OutcomeMetrics {

    static final String REASSESSMENTS = "backline.reassessments";
    static final String PAIN_CHANGE = "backline.reassessment.pain.change.offset";
    /** Added to each pain change so the summary sees 0-20. */
    static final int OFFSET = 10;

    private final MeterRegistry registry;

    OutcomeMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Pathway pathway : Pathway.values()) {
            for (ReassessmentOutcome outcome : ReassessmentOutcome.values()) {
                reassessments(pathway.name(), outcome.name());
            }
            painChange(pathway.name());
        }
    }

    void reassessed(Reassessment reassessment) {
        AfterCommit.run(() -> {
            reassessments(reassessment.pathway(), reassessment.outcome()).increment();
            if (reassessment.painChange() != null) {
                painChange(reassessment.pathway()).record(reassessment.painChange() + OFFSET);
            }
        });
    }

    private Counter reassessments(String pathway, String outcome) {
        return Counter.builder(REASSESSMENTS).tag("pathway", pathway).tag("outcome", outcome)
                .description("Reassessments completed, by pathway and the clinician's outcome").register(registry);
    }

    private DistributionSummary painChange(String pathway) {
        return DistributionSummary.builder(PAIN_CHANGE).tag("pathway", pathway)
                .description("Pain change at reassessment (reassessment - intake, 0-10 scale) plus " + OFFSET)
                .register(registry);
    }
}
