package health.backline.workflow.outcomes;

import health.backline.events.Pathway;
import health.backline.workflow.tasks.ReassessmentOutcome;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The measured outcomes of reassessments by when they were done ({@code from} inclusive, {@code to} exclusive): per
 * pathway, how many, how many the clinician judged improving, how many the 30 % rule calls improving, and the median
 * pain change over those with both pain scores (docs/clinical/outcomes.md).
 */
@Service
public class Outcomes {

    /** One pathway's figures; {@code medianPainChange} is null when no reassessment has both pain scores. */
    public record Figures(long reassessed, long improving, long computedImproving, Double medianPainChange) {

        static final Figures NONE = new Figures(0, 0, 0, null);

        /** The share judged improving, 0-1; null when nobody was reassessed. */
        public Double improvingShare() {
            return reassessed == 0 ? null : (double) improving / reassessed;
        }
    }

    /** One calendar month (clinic zone, "2026-11") of one pathway. */
    public record MonthRow(String month, Pathway pathway, Figures figures) {
    }

    private static final String FIGURES = """
            count(*) AS reassessed,
            count(*) FILTER (WHERE outcome = :improving) AS improving,
            count(*) FILTER (WHERE computed_outcome = :improving) AS computed_improving,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY pain_change) AS median_pain_change
            """;

    private final JdbcClient jdbc;

    Outcomes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every pathway, in the contract's order, those without reassessments as zeros. */
    public Map<Pathway, Figures> byPathway(Instant from, Instant to) {
        Map<Pathway, Figures> figures = new LinkedHashMap<>();
        for (Pathway pathway : Pathway.values()) {
            figures.put(pathway, Figures.NONE);
        }
        jdbc.sql("SELECT pathway, " + FIGURES + """
                        FROM reassessment WHERE reassessed_at >= :from AND reassessed_at < :to GROUP BY pathway""")
                .param("improving", ReassessmentOutcome.IMPROVING.name())
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((row, n) -> Map.entry(Pathway.valueOf(row.getString("pathway")), figuresOf(row)))
                .list().forEach(entry -> figures.put(entry.getKey(), entry.getValue()));
        return figures;
    }

    /** How many calendar months the dashboard and the metrics show: this one and the eleven before. */
    public static final int MONTHS_SHOWN = 12;

    /** {@link #byMonth} over the calendar months shown, the current one up to the end of today included. */
    public List<MonthRow> byRecentMonth(Instant now, ZoneId zone) {
        Instant to = endOfDay(now, zone);
        return byMonth(startOfMonthsShown(to, zone), to, zone);
    }

    /** The end of the clinic's day that {@code now} falls in: the default end of a period. */
    static Instant endOfDay(Instant now, ZoneId zone) {
        return LocalDate.ofInstant(now, zone).plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The start of the first of the {@link #MONTHS_SHOWN} months that end with the month of the period's (exclusive) end. */
    static Instant startOfMonthsShown(Instant end, ZoneId zone) {
        return LocalDate.ofInstant(end.minusNanos(1), zone).withDayOfMonth(1).minusMonths(MONTHS_SHOWN - 1)
                .atStartOfDay(zone).toInstant();
    }

    /** Per calendar month in the clinic's zone, newest first, and pathway: only months and pathways with reassessments. */
    public List<MonthRow> byMonth(Instant from, Instant to, ZoneId zone) {
        return new ArrayList<>(jdbc.sql("SELECT to_char(reassessed_at AT TIME ZONE :zone, 'YYYY-MM') AS month, pathway, "
                        + FIGURES + """
                        FROM reassessment WHERE reassessed_at >= :from AND reassessed_at < :to
                        GROUP BY month, pathway ORDER BY month DESC, pathway""")
                .param("zone", zone.getId()).param("improving", ReassessmentOutcome.IMPROVING.name())
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((row, n) -> new MonthRow(row.getString("month"), Pathway.valueOf(row.getString("pathway")),
                        figuresOf(row)))
                .list());
    }

    private static Figures figuresOf(ResultSet row) throws SQLException {
        double median = row.getDouble("median_pain_change");
        return new Figures(row.getLong("reassessed"), row.getLong("improving"), row.getLong("computed_improving"),
                row.wasNull() ? null : median);
    }
}
