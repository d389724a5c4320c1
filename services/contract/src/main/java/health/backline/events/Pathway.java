package health.backline.events;

/** Where a referral goes, most urgent first. The order of the constants is the order of urgency. */
public enum Pathway implements Labelled {
    ER_REFERRAL(Priority.STAT, "Emergency department"),
    URGENT_IMAGING(Priority.URGENT, "Urgent imaging"),
    PHYSICAL_THERAPY(Priority.ROUTINE, "Physical therapy"),
    PRIMARY_CARE_FOLLOW_UP(Priority.ROUTINE, "Primary care follow-up");

    private final Priority priority;
    private final String label;

    Pathway(Priority priority, String label) {
        this.priority = priority;
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The FHIR priority a referral on this pathway carries. */
    public Priority priority() {
        return priority;
    }

    /** A clinician confirms a referral on this pathway before it is booked: it passes through AWAITING_REVIEW. */
    public boolean awaitsClinicianReview() {
        return this == URGENT_IMAGING;
    }

    /**
     * Whether a referral sent here instead of {@code other} waits longer: its priority is less urgent. Physical
     * therapy and primary care are both routine, so neither is less urgent than the other.
     */
    public boolean isLessUrgentThan(Pathway other) {
        return priority.isLessUrgentThan(other.priority);
    }

    /**
     * Whether a re-triage that moves a referral from {@code current} to this pathway applies without a clinician:
     * a more urgent pathway does (as does the same one, which changes nothing). Any other waits for a clinician's
     * review: new findings never downgrade a referral by themselves.
     */
    public boolean appliesAtOnceOver(Pathway current) {
        return this == current || current.isLessUrgentThan(this);
    }

    /** An ER or urgent-imaging referral: its work goes ahead of routine referrals wherever work queues. */
    public boolean isUrgent() {
        return priority.isUrgent();
    }
}
