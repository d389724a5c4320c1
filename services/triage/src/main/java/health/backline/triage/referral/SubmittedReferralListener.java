package health.backline.triage.referral;

import health.backline.events.EventType;
import health.backline.events.Topics;
import health.backline.events.payload.ReferralFindingsAdded;
import health.backline.events.payload.ReferralSubmitted;
import health.backline.starter.inbox.EventInbox;
import io.cloudevents.CloudEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Every submitted referral is triaged, and triaged again when findings are added to it. */
@Component
class SubmittedReferralListener {

    private final EventInbox inbox;
    private final ReferralTriage triage;

    SubmittedReferralListener(EventInbox inbox, ReferralTriage triage) {
        this.inbox = inbox;
        this.triage = triage;
    }

    @KafkaListener(id = "triage-submitted-referrals", topics = Topics.REFERRALS_SUBMITTED)
    void on(CloudEvent event) {
        if (EventType.REFERRAL_FINDINGS_ADDED.type().equals(event.getType())) {
            inbox.receive(event, ReferralFindingsAdded.class, triage::retriage);
        } else {
            inbox.receive(event, ReferralSubmitted.class, triage::triage);
        }
    }
}
