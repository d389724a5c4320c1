package health.backline.bench.run;

/**
 * The latencies a run reports, each between two points of a referral's life. The first two are the bench's view
 * (from the moment the plan meant the referral to leave, so a late sender or a server that queues connections is
 * not hidden); the others come from the referral's own timeline (see {@link health.backline.bench.follow.Milestones}
 * for whose clock writes what).
 */
public enum Stage {
    ANSWERED("sent → 202 answer", "scheduled send to the 202 answer: HTTP, validation, the submitting transaction"),
    RECORDED("sent → submittedAt", "scheduled send to submittedAt: waiting before intake's transaction began"),
    TRIAGED("submitted → TRIAGED", "outbox, Kafka, triage's DMN and its outbox, Kafka, intake (or workflow)"),
    REVIEW("TRIAGED → AWAITING_REVIEW", "imaging only: the workflow takes the triage result in and routes it"),
    BOOKED("TRIAGED → SCHEDULED", "other pathways: routing, appointments.requested, booking, appointments.outcome"),
    END_TO_END("submitted → end state", "SCHEDULED, or AWAITING_REVIEW for imaging");

    private final String label;
    private final String meaning;

    Stage(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    public String label() {
        return label;
    }

    public String meaning() {
        return meaning;
    }

    /** The stages one after another in the system, among which one falls behind first. */
    public boolean isStep() {
        return this == RECORDED || this == TRIAGED || this == REVIEW || this == BOOKED;
    }
}
