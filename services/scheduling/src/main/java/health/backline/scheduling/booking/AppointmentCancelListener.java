package health.backline.scheduling.booking;

import health.backline.events.Topics;
import health.backline.events.payload.AppointmentCancelRequested;
import health.backline.starter.inbox.EventInbox;
import io.cloudevents.CloudEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** A cancellation frees every slot the referral holds. */
@Component
class AppointmentCancelListener {

    private final EventInbox inbox;
    private final BookingService booking;

    AppointmentCancelListener(EventInbox inbox, BookingService booking) {
        this.inbox = inbox;
        this.booking = booking;
    }

    @KafkaListener(id = "scheduling-appointment-cancellations", topics = Topics.APPOINTMENTS_CANCEL)
    void on(CloudEvent event) {
        inbox.receive(event, AppointmentCancelRequested.class, cancel -> booking.cancel(cancel, EventTimes.of(event)));
    }
}
