package health.backline.intake.referral;

import health.backline.events.intake.Intake;

/** A referral with the intake as recorded: for comparing a retried submission with the first, and for FHIR. */
public record StoredReferral(ReferralView view, Intake intake) {
}
