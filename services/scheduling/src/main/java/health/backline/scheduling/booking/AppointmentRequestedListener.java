package health.backline.scheduling.booking;

import health.backline.events.Topics;
import health.backline.events.payload.AppointmentRequested;
import health.backline.starter.inbox.EventInbox;
import io.cloudevents.CloudEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Every appointment request is booked, once: its CloudEvents id is the request id. */
@Component
class AppointmentRequestedListener {

    private final EventInbox inbox;
    private final BookingService booking;

    AppointmentRequestedListener(EventInbox inbox, BookingService booking) {
        this.inbox = inbox;
        this.booking = booking;
    }

    @KafkaListener(id = "scheduling-appointment-requests", topics = Topics.APPOINTMENTS_REQUESTED)
    void on(CloudEvent event) {
        inbox.receive(event, AppointmentRequested.class,
                request -> booking.book(event.getId(), EventTimes.of(event), request));
    }
}
