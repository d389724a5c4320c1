package health.backline.events.payload;

import health.backline.events.EventPayload;

/** Scheduling could not book the requested appointment, and says why. */
public record AppointmentFailed(String referralId, String reason) implements EventPayload {
}
