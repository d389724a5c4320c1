package health.backline.events;

/** Where a referral goes, most urgent first. The order of the constants is the order of urgency. */
public enum Pathway {
    ER_REFERRAL(Priority.STAT),
    URGENT_IMAGING(Priority.URGENT),
    PHYSICAL_THERAPY(Priority.ROUTINE),
    PRIMARY_CARE_FOLLOW_UP(Priority.ROUTINE);

    private final Priority priority;

    Pathway(Priority priority) {
        this.priority = priority;
    }

    /** The FHIR priority a referral on this pathway carries. */
    public Priority priority() {
        return priority;
    }
}
