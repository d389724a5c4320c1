package health.backline.scheduling.booking;

/** What became of one appointment request. */
public sealed interface BookingOutcome {

    /** Booked now; {@code AppointmentBooked} is in the outbox. */
    record Booked(Appointment appointment) implements BookingOutcome {
    }

    /** Nothing could be booked; {@code AppointmentFailed} with this reason is in the outbox. */
    record Failed(String reason) implements BookingOutcome {
    }

    /** This request was booked before: nothing new is booked or announced. */
    record AlreadyBooked(Appointment appointment) implements BookingOutcome {
    }

    /**
     * The referral's bookings were cancelled after this request was made (the cancellation arrived
     * first): nothing is booked or announced.
     */
    record CancelledMeanwhile(String reason) implements BookingOutcome {
    }
}
