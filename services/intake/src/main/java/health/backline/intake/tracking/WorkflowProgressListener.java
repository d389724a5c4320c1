package health.backline.intake.tracking;

import health.backline.events.EventType;
import health.backline.events.Topics;
import health.backline.events.payload.AppointmentAttendance;
import health.backline.events.payload.AppointmentBooked;
import health.backline.events.payload.ReferralStatusChanged;
import health.backline.starter.inbox.EventInbox;
import io.cloudevents.CloudEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Status reports from the workflow and bookings from scheduling update the referral view. */
@Component
class WorkflowProgressListener {

    private final EventInbox inbox;
    private final ReferralProgress progress;

    WorkflowProgressListener(EventInbox inbox, ReferralProgress progress) {
        this.inbox = inbox;
        this.progress = progress;
    }

    @KafkaListener(id = "intake-status-changes", topics = Topics.REFERRALS_STATUS)
    void statusChanged(CloudEvent event) {
        inbox.receive(event, ReferralStatusChanged.class, progress::statusChanged);
    }

    @KafkaListener(id = "intake-attendance", topics = Topics.APPOINTMENTS_ATTENDANCE)
    void attendance(CloudEvent event) {
        inbox.receive(event, AppointmentAttendance.class, progress::attendance);
    }

    /** Failed bookings need nothing here: the workflow reports BOOKING_FAILED itself. */
    @KafkaListener(id = "intake-appointments", topics = Topics.APPOINTMENTS_OUTCOME)
    void appointment(CloudEvent event) {
        if (EventType.APPOINTMENT_BOOKED.type().equals(event.getType())) {
            inbox.receive(event, AppointmentBooked.class, progress::booked);
        }
    }
}
