package health.backline.events;

/** The data of an event of the contract. Every event is about one referral, which is its record key. */
public interface EventPayload {

    String referralId();

    /**
     * The lane the event travels in (ADR 2). Urgent (ER or urgent imaging): ahead of routine events in the
     * outbox, on Kafka's urgent partitions, through consumers of their own; before triage, a red-flag finding at
     * intake is enough. Stat (ER, once triage has spoken; before, a red flag cannot tell ER from urgent imaging):
     * ahead of the rest of the urgent lane.
     */
    default Priority lane() {
        return Priority.ROUTINE;
    }
}
