package health.backline.workflow.booking;

import health.backline.events.Topics;
import health.backline.events.payload.AppointmentAttendance;
import health.backline.starter.inbox.EventInbox;
import io.cloudevents.CloudEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Whether the patient came to an appointment, from scheduling. */
@Component
class AttendanceListener {

    private final EventInbox inbox;
    private final Attendances attendances;

    AttendanceListener(EventInbox inbox, Attendances attendances) {
        this.inbox = inbox;
        this.attendances = attendances;
    }

    @KafkaListener(id = "workflow-appointment-attendance", topics = Topics.APPOINTMENTS_ATTENDANCE)
    void on(CloudEvent event) {
        inbox.receive(event, AppointmentAttendance.class, attendances::recorded);
    }
}
