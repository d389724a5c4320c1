package health.backline.scheduling.booking;

import health.backline.events.Pathway;
import health.backline.events.payload.AppointmentAttendance;
import health.backline.scheduling.booking.Appointment.Attendance;
import health.backline.scheduling.booking.Appointment.Status;
import health.backline.starter.audit.AuditTrail;
import health.backline.starter.metrics.Counted;
import health.backline.starter.outbox.EventOutbox;
import health.backline.starter.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records whether the patient came to an appointment, once it has started, and announces it
 * ({@code appointments.attendance}): the workflow rebooks after a first "did not attend" and asks a clinician
 * after a second. An emergency-department handoff is never recorded here: the ER call task covers it.
 */
@Service
class AttendanceRecorder {

    private final Appointments appointments;
    private final EventOutbox outbox;
    private final AuditTrail audit;
    private final MeterRegistry meters;
    private final Clock clock;

    AttendanceRecorder(Appointments appointments, EventOutbox outbox, AuditTrail audit, MeterRegistry meters,
                       Clock clock) {
        this.appointments = appointments;
        this.outbox = outbox;
        this.audit = audit;
        this.meters = meters;
        this.clock = clock;
    }

    /** Records it, or refuses: 404 unknown, 409 not started, cancelled, an ER handoff, or recorded before. */
    @Transactional
    public void record(UUID appointmentId, boolean attended, String user) {
        Appointment appointment = appointments.lock(appointmentId).orElseThrow(() -> new ProblemException(
                HttpStatus.NOT_FOUND, "Appointment not found", "No appointment has id " + appointmentId));
        Instant now = clock.instant();
        if (appointment.attendance() != null) {
            throw conflict("Attendance already recorded", "This appointment was recorded as "
                    + appointment.attendance() + " already");
        }
        if (appointment.status() == Status.CANCELLED) {
            throw conflict("Appointment cancelled", "A cancelled appointment has no attendance to record");
        }
        if (appointment.pathway() == Pathway.ER_REFERRAL) {
            throw conflict("Emergency handoff", "An emergency-department handoff is followed up by the ER call task,"
                    + " not recorded here");
        }
        if (appointment.start().isAfter(now)) {
            throw conflict("Appointment not started", "The appointment starts at " + appointment.start()
                    + ": attendance can be recorded once it has started");
        }
        Attendance attendance = attended ? Attendance.ATTENDED : Attendance.DID_NOT_ATTEND;
        appointments.recordAttendance(appointmentId, attendance, now, user);
        outbox.publish(new AppointmentAttendance(appointment.referralId().toString(), appointment.pathway(),
                appointment.start(), appointment.location(), attended));
        audit.record(user, "RECORD_ATTENDANCE", appointment.referralId().toString(),
                attendance + " at " + appointment.location() + ", " + appointment.start());
        Counted.afterCommit(meters, "backline.attendance", "attendance", attendance.name(),
                "pathway", appointment.pathway().name());
    }

    private static ProblemException conflict(String title, String detail) {
        return new ProblemException(HttpStatus.CONFLICT, title, detail);
    }
}
