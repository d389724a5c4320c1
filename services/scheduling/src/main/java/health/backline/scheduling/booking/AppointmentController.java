package health.backline.scheduling.booking;

import health.backline.starter.web.InvalidRequestException;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The appointments API of the contract: a referral's appointments, newest first. */
@RestController
@RequestMapping("/api/appointments")
class AppointmentController {

    private final BookingService booking;

    AppointmentController(BookingService booking) {
        this.booking = booking;
    }

    @GetMapping
    List<Appointment> ofReferral(@RequestParam(required = false) String referralId) {
        if (referralId == null || referralId.isBlank()) {
            throw new InvalidRequestException("referralId", "is required");
        }
        return booking.appointmentsOf(uuid(referralId));
    }

    private static UUID uuid(String referralId) {
        try {
            return UUID.fromString(referralId);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("referralId", "must be a referral id (a UUID)");
        }
    }
}
