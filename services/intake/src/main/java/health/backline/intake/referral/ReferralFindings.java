package health.backline.intake.referral;

import health.backline.events.intake.Finding;
import health.backline.events.intake.Intake;
import health.backline.events.payload.ReferralFindingsAdded;
import health.backline.events.payload.ReferralSubmitted;
import health.backline.starter.intake.NewFindings;
import health.backline.starter.outbox.EventOutbox;
import health.backline.starter.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds new findings, a new pain score or a new duration to an open referral's intake and, in the same transaction,
 * asks triage to look again ({@code referral.findings-added}). Facts the intake already holds change nothing, so a
 * retried request records and publishes nothing new.
 */
@Service
public class ReferralFindings {

    private final Referrals referrals;
    private final EventOutbox outbox;
    private final Clock clock;

    ReferralFindings(Referrals referrals, EventOutbox outbox, Clock clock) {
        this.referrals = referrals;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** An unknown referral is 404, a closed one (CLOSED, CANCELLED, RETURNED) 409. */
    @Transactional
    public ReferralView add(UUID id, NewFindings findings, String addedBy) {
        StoredReferral referral = referrals.lockWithIntake(id).orElseThrow(() -> new ProblemException(
                HttpStatus.NOT_FOUND, "Referral not found", "No referral has id " + id));
        ReferralView view = referral.view();
        if (!ReferralCancellation.isOpen(view.status())) {
            throw new ProblemException(HttpStatus.CONFLICT, "Referral closed",
                    "Referral " + id + " is " + view.status() + " and takes no new findings");
        }
        Intake revised = findings.revise(referral.intake());
        if (!revised.equals(referral.intake())) {
            Instant now = clock.instant();
            int revision = referrals.reviseIntake(id, revised, now);
            referrals.addToTimeline(id, now, view.status(),
                    "New findings recorded by " + addedBy + ": " + whatChanged(referral.intake(), revised)
                            + (findings.note() == null ? "" : ". Note: " + findings.note()));
            outbox.publish(new ReferralFindingsAdded(id.toString(), revision, now, findings.note(),
                    ReferralSubmitted.of(id.toString(), view.submittedAt(), revised)));
        }
        return referrals.find(id).orElseThrow();
    }

    /** The new facts in the words the pages use, e.g. "Fever or chills; pain 8/10; symptoms for 20 days". */
    private static String whatChanged(Intake before, Intake after) {
        List<String> changes = new ArrayList<>();
        after.findings().stream().filter(finding -> !before.reports(finding)).map(Finding::reportedAs)
                .forEach(changes::add);
        if (after.complaint().painScore() != before.complaint().painScore()) {
            changes.add("pain " + after.complaint().painScore() + "/10");
        }
        if (after.complaint().symptomDurationDays() != before.complaint().symptomDurationDays()) {
            changes.add("symptoms for " + after.complaint().symptomDurationDays() + " days");
        }
        return String.join("; ", changes);
    }
}
