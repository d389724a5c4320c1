package health.backline.events.payload;

import health.backline.events.Pathway;
import java.time.Instant;

/** A booked appointment as the referral view shows it. */
public record Appointment(Pathway pathway, Instant start, Instant end, String location, String resource) {
}
