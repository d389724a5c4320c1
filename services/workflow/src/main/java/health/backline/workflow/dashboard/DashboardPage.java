package health.backline.workflow.dashboard;

import health.backline.events.Pathway;
import health.backline.workflow.dashboard.KafkaBacklog.Backlog;
import health.backline.workflow.dashboard.KafkaBacklog.GroupLag;
import health.backline.workflow.dashboard.ReferralVolumes.Today;
import health.backline.workflow.metrics.Incidents;
import health.backline.workflow.metrics.ReferralMetrics;
import health.backline.workflow.metrics.ReferralMetrics.Percentiles;
import health.backline.starter.web.Formats;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The administrators' view of the flow: today's volumes per pathway, time to triage and to booking,
 * open and overdue work per queue and its deadline outlook, dead letters and consumer lag in Kafka, stuck instances. The
 * figures part is fetched again every 15 s.
 */
@Controller
class DashboardPage {

    static final String COCKPIT_INSTANCE = "/camunda/app/cockpit/default/#/process-instance/";
    private static final int STUCK_SHOWN = 20;

    private final ReferralVolumes volumes;
    private final ReferralMetrics metrics;
    private final QueueCard queueCard;
    private final KafkaBacklog kafka;
    private final Incidents incidents;
    private final ZoneId zone;

    DashboardPage(ReferralVolumes volumes, ReferralMetrics metrics, QueueCard queueCard, KafkaBacklog kafka,
                  Incidents incidents, ZoneId clinicZone) {
        this.volumes = volumes;
        this.metrics = metrics;
        this.queueCard = queueCard;
        this.kafka = kafka;
        this.incidents = incidents;
        this.zone = clinicZone;
    }

    @GetMapping("/dashboard")
    ModelAndView dashboard() {
        return new ModelAndView("dashboard/dashboard", Map.of("figures", figures()));
    }

    @GetMapping("/dashboard/figures")
    ModelAndView figuresOnly() {
        return new ModelAndView("dashboard/dashboard :: figures", Map.of("figures", figures()));
    }

    /** One bar of a chart: what it counts, how many, and its length against the longest bar. */
    record Bar(String key, String label, long value, int percent) {
    }

    record Wait(String median, String p95, long count) {
    }

    record StuckRow(String referralId, String referral, String activity, String type, String message, String since,
                    String cockpit) {
    }

    record Figures(String updated, Today today, List<Bar> pathways, Wait triage, Wait booking, QueueCard.Card queues,
                   long openTotal, long overdueTotal, Backlog kafka, List<Bar> lagByService, long incidents,
                   List<StuckRow> stuck) {
    }

    Figures figures() {
        Instant now = ClockUtil.getCurrentTime().toInstant();
        Today today = volumes.today(now, zone);
        List<Bar> pathways = new ArrayList<>();
        for (Pathway pathway : Pathway.values()) {
            pathways.add(new Bar(pathway.name(), Formats.pathway(pathway), today.byPathway().get(pathway), 0));
        }
        pathways.add(new Bar("NONE", "Not triaged yet", today.notTriaged(), 0));
        QueueCard.Card queues = queueCard.read(now);
        Backlog backlog = kafka.read();
        Map<String, Long> lagOf = backlog.lag().stream()
                .collect(Collectors.groupingBy(GroupLag::service, Collectors.summingLong(GroupLag::lag)));
        List<Bar> lag = KafkaBacklog.SERVICES.stream()
                .map(service -> new Bar(service, service, lagOf.getOrDefault(service, 0L), 0)).toList();
        List<StuckRow> stuck = incidents.recent(STUCK_SHOWN).stream().map(incident -> new StuckRow(
                incident.referralId(), Formats.shortId(incident.referralId()), incident.activity(), incident.type(),
                incident.message(), Formats.time(incident.since(), now, zone),
                incident.processInstanceId() == null ? null : COCKPIT_INSTANCE + incident.processInstanceId())).toList();
        return new Figures(Formats.clock(now, zone), today, scaled(pathways), wait(metrics.timeToTriage()),
                wait(metrics.timeToBooking()), queues, queues.open(), queues.overdue(), backlog, scaled(lag), incidents.count(), stuck);
    }

    private static Wait wait(Percentiles percentiles) {
        return new Wait(Formats.waited(percentiles.median()), Formats.waited(percentiles.p95()),
                percentiles.countSinceStart());
    }

    /** Bars as a share of the longest, so the longest fills its track. */
    private static List<Bar> scaled(List<Bar> bars) {
        long longest = bars.stream().mapToLong(Bar::value).max().orElse(0);
        Function<Bar, Bar> scale = bar -> new Bar(bar.key(), bar.label(), bar.value(),
                longest == 0 ? 0 : (int) Math.round(100.0 * bar.value() / longest));
        return bars.stream().map(scale).toList();
    }
}
