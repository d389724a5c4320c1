package health.backline.workflow.dashboard;

import health.backline.events.Pathway;
import health.backline.workflow.referral.ReferralProcess;
import health.backline.workflow.referral.ReferralProcess.Elements;
import health.backline.workflow.referral.ReferralProcess.Variables;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.springframework.stereotype.Component;

/**
 * How many referrals came in today (London time) and where they are going, from Camunda's history:
 * it survives restarts, unlike the counters, and knows the day each referral started.
 */
@Component
class ReferralVolumes {

    private final HistoryService history;

    ReferralVolumes(HistoryService history) {
        this.history = history;
    }

    /** Today's referrals by their pathway now (after any review or reassessment), and today's failed bookings. */
    record Today(long started, Map<Pathway, Long> byPathway, long notTriaged, long bookingsFailed) {
    }

    Today today(Instant now, ZoneId zone) {
        Date midnight = Date.from(now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant());
        long started = history.createHistoricProcessInstanceQuery().processDefinitionKey(ReferralProcess.KEY)
                .startedAfter(midnight).count();
        Map<Pathway, Long> byPathway = new EnumMap<>(Pathway.class);
        long routed = 0;
        for (Pathway pathway : Pathway.values()) {
            long count = history.createHistoricProcessInstanceQuery().processDefinitionKey(ReferralProcess.KEY)
                    .startedAfter(midnight).variableValueEquals(Variables.PATHWAY, pathway.name()).count();
            byPathway.put(pathway, count);
            routed += count;
        }
        long failed = history.createHistoricActivityInstanceQuery().activityId(Elements.BOOKING_FAILED)
                .startedAfter(midnight).count();
        return new Today(started, byPathway, Math.max(0, started - routed), failed);
    }
}
