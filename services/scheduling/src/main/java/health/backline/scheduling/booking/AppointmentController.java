package health.backline.scheduling.booking;

import com.fasterxml.jackson.databind.JsonNode;
import health.backline.starter.audit.AuditTrail;
import health.backline.starter.web.InvalidRequestException;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The appointments API of the contract: a referral's appointments, newest first, and whether the patient came. They name no patient, but they
 * are the patient's: every look-up is in the audit trail, found or not.
 */
@RestController
@RequestMapping("/api/appointments")
class AppointmentController {

    private final BookingService booking;
    private final AttendanceRecorder attendance;
    private final AuditTrail audit;

    AppointmentController(BookingService booking, AttendanceRecorder attendance, AuditTrail audit) {
        this.booking = booking;
        this.attendance = attendance;
        this.audit = audit;
    }

    /** Whether the patient came ({@code {"attended": true|false}}), once the appointment has started. */
    @PostMapping("/{id}/attendance")
    ResponseEntity<Void> attendance(@PathVariable UUID id, @RequestBody(required = false) JsonNode body,
                                    Principal user) {
        JsonNode attended = body == null ? null : body.get("attended");
        if (attended == null || !attended.isBoolean()) {
            throw new InvalidRequestException("/attended", "is required: true if the patient came, false if not");
        }
        attendance.record(id, attended.booleanValue(), user.getName());
        return ResponseEntity.noContent().build();
    }

    @GetMapping
    List<Appointment> ofReferral(@RequestParam(required = false) String referralId, Principal user) {
        if (referralId == null || referralId.isBlank()) {
            throw new InvalidRequestException("referralId", "is required");
        }
        UUID referral = uuid(referralId);
        List<Appointment> appointments = booking.appointmentsOf(referral);
        audit.recordRead(user.getName(), "GET /api/appointments", List.of(referral.toString()),
                appointments.size() + " appointments");
        return appointments;
    }

    private static UUID uuid(String referralId) {
        try {
            return UUID.fromString(referralId);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("referralId", "must be a referral id (a UUID)");
        }
    }
}
