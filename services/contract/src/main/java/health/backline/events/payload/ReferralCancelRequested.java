package health.backline.events.payload;

import health.backline.events.EventPayload;

/** The front desk (or a clinical lead) cancelled a referral: the workflow ends and any booking is freed. */
public record ReferralCancelRequested(String referralId, String reason, String cancelledBy) implements EventPayload {
}
