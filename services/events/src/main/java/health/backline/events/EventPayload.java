package health.backline.events;

/** The data of an event of the contract. Every event is about one referral, which is its record key. */
public interface EventPayload {

    String referralId();
}
