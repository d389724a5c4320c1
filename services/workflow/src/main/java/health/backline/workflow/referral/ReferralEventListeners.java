package health.backline.workflow.referral;

import health.backline.events.Topics;
import health.backline.events.payload.ReferralCancelRequested;
import health.backline.events.payload.ReferralSubmitted;
import health.backline.events.payload.ReferralTriaged;
import health.backline.starter.inbox.EventInbox;
import io.cloudevents.CloudEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Referral events drive the process. */
@Component
class ReferralEventListeners {

    private final EventInbox inbox;
    private final ReferralFlow flow;

    ReferralEventListeners(EventInbox inbox, ReferralFlow flow) {
        this.inbox = inbox;
        this.flow = flow;
    }

    @KafkaListener(id = "workflow-submitted-referrals", topics = Topics.REFERRALS_SUBMITTED)
    void submitted(CloudEvent event) {
        inbox.receive(event, ReferralSubmitted.class, flow::submitted);
    }

    @KafkaListener(id = "workflow-triaged-referrals", topics = Topics.REFERRALS_TRIAGED)
    void triaged(CloudEvent event) {
        inbox.receive(event, ReferralTriaged.class, flow::triaged);
    }

    @KafkaListener(id = "workflow-cancelled-referrals", topics = Topics.REFERRALS_CANCEL)
    void cancelled(CloudEvent event) {
        inbox.receive(event, ReferralCancelRequested.class, flow::cancelled);
    }
}
