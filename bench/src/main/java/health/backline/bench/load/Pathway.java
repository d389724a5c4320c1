package health.backline.bench.load;

/**
 * The contract's pathways, with the share of the routine mix the bench offers and the status a referral of the
 * pathway reaches without anyone acting: an imaging referral waits there for a clinician's review.
 */
public enum Pathway {
    PRIMARY_CARE_FOLLOW_UP(40, "SCHEDULED"),
    PHYSICAL_THERAPY(30, "SCHEDULED"),
    URGENT_IMAGING(15, "AWAITING_REVIEW"),
    ER_REFERRAL(15, "SCHEDULED");

    private final int sharePercent;
    private final String endStatus;

    Pathway(int sharePercent, String endStatus) {
        this.sharePercent = sharePercent;
        this.endStatus = endStatus;
    }

    public int sharePercent() {
        return sharePercent;
    }

    public String endStatus() {
        return endStatus;
    }

    /** An ER handoff is booked at once, without a slot (scheduling's BookingService). */
    public boolean bookedInSlots() {
        return this != ER_REFERRAL;
    }
}
