package health.backline.events;

/** The data of an event of the contract. Every event is about one referral, which is its record key. */
public interface EventPayload {

    String referralId();

    /**
     * Whether the event travels in the urgent lane (ADR 2): ahead of routine events in the outbox, on
     * Kafka's urgent partitions, through consumers of their own. An ER or urgent-imaging referral's events
     * do; before triage, a red-flag finding at intake is enough.
     */
    default boolean urgent() {
        return false;
    }

    /**
     * Whether the event travels in the stat lane, ahead of the rest of the urgent lane: an ER referral's events
     * once triage has spoken (before, a red flag cannot tell ER from urgent imaging). A stat event is urgent too.
     */
    default boolean stat() {
        return false;
    }
}
