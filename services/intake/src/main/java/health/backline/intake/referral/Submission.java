package health.backline.intake.referral;

/** The answer to a submission: the referral, and whether this call created it or repeated an earlier one. */
public record Submission(ReferralView referral, boolean created) {
}
