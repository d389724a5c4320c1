package health.backline.workflow.outcomes;

import health.backline.events.Pathway;
import health.backline.starter.web.InvalidRequestException;
import health.backline.workflow.outcomes.Outcomes.Figures;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/outcomes?from=&to=} (contract: Governance): per pathway, the reassessments done in the period.
 * {@code from}/{@code to} are dates (the clinic's days) or instants; {@code from} inclusive, {@code to} exclusive. By
 * default, the last twelve calendar months up to and including today.
 */
@RestController
class OutcomesController {

    /** The contract's three figures, and the share the 30 % rule alone would call improving. */
    record PathwayOutcomes(long reassessed, long improving, long computedImproving, Double medianPainChange) {

        static PathwayOutcomes of(Figures figures) {
            return new PathwayOutcomes(figures.reassessed(), figures.improving(), figures.computedImproving(),
                    figures.medianPainChange());
        }
    }

    private final Outcomes outcomes;
    private final ZoneId zone;

    OutcomesController(Outcomes outcomes, ZoneId clinicZone) {
        this.outcomes = outcomes;
        this.zone = clinicZone;
    }

    @GetMapping("/api/outcomes")
    Map<Pathway, PathwayOutcomes> outcomes(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Instant end = to == null ? Outcomes.endOfDay(ClockUtil.getCurrentTime().toInstant(), zone) : instant("to", to);
        Instant start = from == null ? Outcomes.startOfMonthsShown(end, zone) : instant("from", from);
        if (!start.isBefore(end)) {
            throw new InvalidRequestException("from", "must be before to");
        }
        Map<Pathway, PathwayOutcomes> pathways = new LinkedHashMap<>();
        outcomes.byPathway(start, end).forEach((pathway, figures) -> pathways.put(pathway, PathwayOutcomes.of(figures)));
        return pathways;
    }

    /** "2026-11-01" (that day's start in the clinic) or "2026-11-01T00:00:00Z". */
    private Instant instant(String parameter, String value) {
        try {
            return value.contains("T") ? Instant.parse(value) : LocalDate.parse(value).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(parameter, "must be a date (2026-11-01) or an instant (2026-11-01T00:00:00Z)");
        }
    }
}
