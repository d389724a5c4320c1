package health.backline.workflow.dashboard;

import health.backline.workflow.tasks.QueueForecast.Status;
import health.backline.workflow.tasks.QueueRisk;
import health.backline.workflow.tasks.QueueRisks;
import health.backline.starter.web.Formats;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.springframework.stereotype.Component;

/** The dashboard's queue card: each queue's open work and its deadline outlook (ADR 22), written for people. */
@Component
class QueueCard {

    private final QueueRisks risks;
    private final ZoneId zone;

    QueueCard(QueueRisks risks, ZoneId clinicZone) {
        this.risks = risks;
        this.zone = clinicZone;
    }

    /** One queue's row; status is ON_TRACK, AT_RISK or OVERDUE, badge what the row says of it. */
    record Row(String queue, String title, long open, long overdue, long arrivals, long completions, boolean growing,
               String nextDue, String breach, String status, String badge) {
    }

    record Card(List<Row> rows, long open, long overdue, String horizon) {
    }

    Card read(Instant now) {
        List<Row> rows = risks.at(now).stream().map(risk -> row(risk, now)).toList();
        return new Card(rows, rows.stream().mapToLong(Row::open).sum(), rows.stream().mapToLong(Row::overdue).sum(),
                Formats.span(risks.warningHorizon()));
    }

    private Row row(QueueRisk risk, Instant now) {
        return new Row(risk.queue(), risk.title(), risk.openTasks(), risk.overdue(), risk.arrivalsLastHour(),
                risk.completionsLastHour(), risk.backlogGrowing(),
                risk.nextDue() == null ? "–" : Formats.time(risk.nextDue(), now, zone),
                risk.projectedBreachIn() == null ? "None projected" : "in " + Formats.span(risk.projectedBreachIn()),
                risk.status().name(), badge(risk.status()));
    }

    private static String badge(Status status) {
        return switch (status) {
            case ON_TRACK -> "On track";
            case AT_RISK -> "At risk";
            case OVERDUE -> "Overdue";
        };
    }
}
