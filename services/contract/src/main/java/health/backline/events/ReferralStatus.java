package health.backline.events;

/** Where a referral stands, as the front desk sees it. */
public enum ReferralStatus implements Labelled {
    SUBMITTED("Submitted"),
    TRIAGED("Triaged"),
    AWAITING_REVIEW("Awaiting clinician review"),
    SCHEDULED("Scheduled"),
    AWAITING_REASSESSMENT("Awaiting reassessment"),
    BOOKING_FAILED("Booking failed"),
    CLOSED("Closed"),
    CANCELLED("Cancelled"),
    /** A clinician sent the referral back with advice instead of accepting it (e-RS "return to referrer"). */
    RETURNED("Returned to the referrer");

    private final String label;

    ReferralStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
