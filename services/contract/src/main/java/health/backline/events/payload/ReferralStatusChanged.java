package health.backline.events.payload;

import health.backline.events.EventPayload;
import health.backline.events.Pathway;
import health.backline.events.Priority;
import health.backline.events.ReferralStatus;
import java.time.Instant;

/** The workflow moved a referral to a new status. */
public record ReferralStatusChanged(
        String referralId, ReferralStatus status, Pathway pathway, String detail, Instant at) implements EventPayload {

    /** The referral was cancelled, for this reason, before or after its process started. */
    public static ReferralStatusChanged cancelled(String referralId, Pathway pathway, String reason, Instant at) {
        return new ReferralStatusChanged(referralId, ReferralStatus.CANCELLED, pathway, "Referral cancelled: " + reason, at);
    }

    @Override
    public Priority lane() {
        return pathway == null ? Priority.ROUTINE : pathway.priority();
    }
}
