package health.backline.intake.tracking;

import health.backline.events.Topics;
import health.backline.events.payload.ReferralTriaged;
import health.backline.starter.inbox.EventInbox;
import io.cloudevents.CloudEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Triage results update the referral view. */
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
        inbox.receive(event, ReferralTriaged.class, progress::triaged);
    }
}
