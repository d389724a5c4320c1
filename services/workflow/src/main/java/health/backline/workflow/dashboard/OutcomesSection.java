package health.backline.workflow.dashboard;

import health.backline.workflow.outcomes.Outcomes;
import health.backline.workflow.outcomes.Outcomes.MonthRow;
import health.backline.starter.web.Formats;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The dashboard's outcomes table (template {@code dashboard/outcomes.html}): per month of the last twelve and
 * pathway, the share improving at reassessment and the median pain change. Read once per page, not every 15 s.
 */
@ControllerAdvice(assignableTypes = DashboardPage.class)
class OutcomesSection {

    /** One row as shown. */
    record Row(String month, String pathway, long reassessed, String improving, String improvingByPain,
               String medianPainChange) {
    }

    private final Outcomes outcomes;
    private final ZoneId zone;

    OutcomesSection(Outcomes outcomes, ZoneId clinicZone) {
        this.outcomes = outcomes;
        this.zone = clinicZone;
    }

    @ModelAttribute("outcomes")
    List<Row> outcomes() {
        return outcomes.byRecentMonth(ClockUtil.getCurrentTime().toInstant(), zone).stream().map(OutcomesSection::row)
                .toList();
    }

    private static Row row(MonthRow month) {
        Outcomes.Figures f = month.figures();
        return new Row(month.month(), Formats.pathway(month.pathway()), f.reassessed(),
                share(f.improving(), f.reassessed()), share(f.computedImproving(), f.reassessed()),
                f.medianPainChange() == null ? "–" : String.format(Locale.ROOT, "%+.1f", f.medianPainChange()));
    }

    private static String share(long count, long of) {
        return count + " (" + Math.round(100.0 * count / of) + " %)";
    }
}
