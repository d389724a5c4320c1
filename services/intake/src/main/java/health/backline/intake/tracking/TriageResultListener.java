package health.backline.intake.tracking;

import health.backline.events.EventType;
import health.backline.events.Topics;
import health.backline.events.payload.ReferralRetriaged;
import health.backline.events.payload.ReferralTriaged;
import health.backline.starter.inbox.EventInbox;
import io.cloudevents.CloudEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Triage results, first triages and re-triages after new findings, update the referral view. */
@Component
class TriageResultListener {

    private final EventInbox inbox;
    private final ReferralProgress progress;

    TriageResultListener(EventInbox inbox, ReferralProgress progress) {
        this.inbox = inbox;
        this.progress = progress;
    }

    @KafkaListener(id = "intake-triage-results", topics = Topics.REFERRALS_TRIAGED)
    void on(CloudEvent event) {
        if (EventType.REFERRAL_RETRIAGED.type().equals(event.getType())) {
            inbox.receive(event, ReferralRetriaged.class, progress::retriaged);
        } else {
            // anything else must be a first triage: the inbox sends any other type to the dead letters
            inbox.receive(event, ReferralTriaged.class, progress::triaged);
        }
    }
}
