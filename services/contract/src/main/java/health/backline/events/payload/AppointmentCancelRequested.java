package health.backline.events.payload;

import health.backline.events.EventPayload;

/** The workflow asks scheduling to cancel a referral's booking and free its slot. */
public record AppointmentCancelRequested(String referralId, String reason) implements EventPayload {
}
