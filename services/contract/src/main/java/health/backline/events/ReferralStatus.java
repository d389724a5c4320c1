package health.backline.events;

/** Where a referral stands, as the front desk sees it. */
public enum ReferralStatus {
    SUBMITTED,
    TRIAGED,
    AWAITING_REVIEW,
    SCHEDULED,
    AWAITING_REASSESSMENT,
    BOOKING_FAILED,
    CLOSED,
    CANCELLED
}
