package health.backline.intake.referral;

import health.backline.events.intake.Intake;
import health.backline.intake.referral.ReferralView.TimelineEntry;
import java.time.Instant;
import java.util.List;

/**
 * A referral with the intake as recorded: for comparing a retried submission with the first, and for FHIR.
 * {@code due} is when whoever the current status waits for must have acted (null if it waits for nobody).
 */
public record StoredReferral(ReferralView view, Intake intake, Instant due) {

    StoredReferral withTimeline(List<TimelineEntry> timeline) {
        return new StoredReferral(new ReferralView(view.id(), view.status(), view.returnReason(), view.submittedAt(),
                view.patient(), view.triage(), view.pathway(), view.appointment(), timeline), intake, due);
    }
}
