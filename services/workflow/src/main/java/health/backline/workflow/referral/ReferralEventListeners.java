package health.backline.workflow.referral;

import health.backline.events.EventType;
import health.backline.events.Topics;
import health.backline.events.payload.ReferralCancelRequested;
import health.backline.events.payload.ReferralRetriaged;
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

    /** New findings on the same topic wait for triage's answer: the workflow hears that instead. */
    @KafkaListener(id = "workflow-submitted-referrals", topics = Topics.REFERRALS_SUBMITTED)
    void submitted(CloudEvent event) {
        if (!EventType.REFERRAL_FINDINGS_ADDED.type().equals(event.getType())) {
            inbox.receive(event, ReferralSubmitted.class, flow::submitted);
        }
    }

    @KafkaListener(id = "workflow-triaged-referrals", topics = Topics.REFERRALS_TRIAGED)
    void triaged(CloudEvent event) {
        if (EventType.REFERRAL_RETRIAGED.type().equals(event.getType())) {
            inbox.receive(event, ReferralRetriaged.class, flow::retriaged);
        } else {
            inbox.receive(event, ReferralTriaged.class, flow::triaged);
        }
    }

    @KafkaListener(id = "workflow-cancelled-referrals", topics = Topics.REFERRALS_CANCEL)
    void cancelled(CloudEvent event) {
        inbox.receive(event, ReferralCancelRequested.class, flow::cancelled);
    }
}
