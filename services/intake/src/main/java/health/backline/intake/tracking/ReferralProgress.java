package health.backline.intake.tracking;

import health.backline.events.ReferralStatus;
import health.backline.events.payload.AppointmentAttendance;
import health.backline.events.payload.AppointmentBooked;
import health.backline.events.payload.ReferralRetriaged;
import health.backline.events.payload.ReferralStatusChanged;
import health.backline.events.payload.ReferralTriaged;
import health.backline.intake.referral.ReferralView;
import health.backline.intake.referral.ReferralView.TriageRevision;
import health.backline.intake.referral.ReferralView.TriageSummary;
import health.backline.intake.referral.Referrals;
import health.backline.starter.inbox.InvalidEventException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the referral view up to date from what other services report. Events from different
 * topics may arrive in any order: a report never moves a referral back to an earlier status.
 */
@Service
public class ReferralProgress {

    /** The statuses whose workflow has asked scheduling to free any booked slot. */
    private static final Set<ReferralStatus> BOOKING_FREED =
            EnumSet.of(ReferralStatus.CANCELLED, ReferralStatus.RETURNED);

    private final Referrals referrals;
    private final Clock clock;

    ReferralProgress(Referrals referrals, Clock clock) {
        this.referrals = referrals;
        this.clock = clock;
    }

    /**
     * The workflow's status reports, in the order it made them (one topic, keyed by referral). A
     * report older than the one applied is ignored; a repeated status adds no timeline entry, except
     * SCHEDULED: each is a booking ("Booked: …"), and a rebooking after a missed visit is news. A report that
     * moves the referral to another pathway marks the re-triage that waited for it applied: a clinician accepted it.
     */
    @Transactional
    public void statusChanged(ReferralStatusChanged change) {
        UUID id = UUID.fromString(change.referralId());
        ReferralView referral = referrals.lock(id)
                .orElseThrow(() -> unknown("Status report", id));
        String returnReason = change.status() == ReferralStatus.RETURNED ? change.detail() : null;
        if (!referrals.recordStatus(id, change.status(), change.pathway(), change.at(), change.due(), returnReason)) {
            return;
        }
        if (BOOKING_FREED.contains(change.status())) {
            referrals.recordAppointment(id, null);
        }
        if (change.pathway() != null && change.pathway() != referral.pathway() && referral.triage() != null) {
            referral.triage().withAppliedRevision(change.pathway())
                    .ifPresent(triage -> referrals.recordTriageRevisions(id, triage));
        }
        if (change.status() != referral.status() || change.status() == ReferralStatus.SCHEDULED) {
            referrals.addToTimeline(id, change.at(), change.status(), change.detail());
        }
    }

    @Transactional
    public void booked(AppointmentBooked booked) {
        UUID id = UUID.fromString(booked.referralId());
        referrals.lock(id).orElseThrow(() -> unknown("Appointment", id));
        referrals.recordAppointment(id, booked.appointment());
    }

    /** Whether the patient came, in the timeline under the referral's status then ("Did not attend: …"). */
    @Transactional
    public void attendance(AppointmentAttendance attendance) {
        UUID id = UUID.fromString(attendance.referralId());
        ReferralView referral = referrals.lock(id).orElseThrow(() -> unknown("Attendance", id));
        referrals.addToTimeline(id, clock.instant(), referral.status(),
                (attendance.attended() ? "Attended: " : "Did not attend: ") + attendance.location() + ", "
                        + attendance.start());
    }

    @Transactional
    public void triaged(ReferralTriaged triaged) {
        UUID id = UUID.fromString(triaged.referralId());
        ReferralView referral = referrals.lock(id)
                .orElseThrow(() -> unknown("Triage result", id));
        TriageSummary triage = new TriageSummary(triaged.pathway(), triaged.priority(), triaged.rules(), triaged.reasons(),
                referral.triage() == null ? List.of() : referral.triage().revisions());
        // The workflow may have moved the referral on already; triage only fills in what is still unknown.
        boolean firstNews = referral.status() == ReferralStatus.SUBMITTED;
        ReferralStatus status = firstNews ? ReferralStatus.TRIAGED : referral.status();
        Instant now = clock.instant();
        referrals.recordTriage(id, triage, referral.pathway() == null ? triaged.pathway() : referral.pathway(), status, now);
        if (firstNews) {
            referrals.addToTimeline(id, now, ReferralStatus.TRIAGED, "Triage proposes " + triaged.pathway()
                    + " (" + String.join(", ", triaged.rules()) + ")");
        }
    }

    /**
     * Triage's answer to new findings, kept as a revision of the referral's triage. A pathway as urgent as the
     * current one or more applies at once (the workflow moves the referral); a less urgent one waits for a
     * clinician's review. A revision heard of before changes nothing.
     */
    @Transactional
    public void retriaged(ReferralRetriaged retriaged) {
        UUID id = UUID.fromString(retriaged.referralId());
        ReferralView referral = referrals.lock(id).orElseThrow(() -> unknown("Re-triage result", id));
        TriageSummary triage = referral.triage() == null ? TriageSummary.NOT_YET : referral.triage();
        if (triage.hasRevision(retriaged.revision())) {
            return;
        }
        ReferralTriaged result = retriaged.triage();
        boolean applied = referral.pathway() == null || result.pathway().appliesAtOnceOver(referral.pathway());
        referrals.recordTriageRevisions(id, triage.withRevision(new TriageRevision(retriaged.revision(),
                retriaged.at(), result.pathway(), result.priority(), result.rules(), applied)));
        referrals.addToTimeline(id, retriaged.at(), referral.status(), "Re-triaged after new findings: "
                + result.pathway().label() + " (" + String.join(", ", result.rules()) + "), "
                + (applied ? "applies at once" : "waits for a clinician's review"));
    }

    /**
     * Intake stores a referral and its submission in one transaction, so every later event of a
     * referral it does not know is wrong for good: straight to the dead letters, no retries that
     * hold up the partition.
     */
    private static InvalidEventException unknown(String event, UUID id) {
        return new InvalidEventException(event + " for unknown referral " + id);
    }
}
