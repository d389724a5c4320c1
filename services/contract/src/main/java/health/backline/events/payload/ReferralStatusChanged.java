package health.backline.events.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import health.backline.events.EventPayload;
import health.backline.events.Pathway;
import health.backline.events.Priority;
import health.backline.events.ReferralStatus;
import java.time.Instant;

/**
 * The workflow moved a referral to a new status. {@code due} is when the person the status waits for (a
 * clinician reviewing or reassessing, a scheduler booking by hand) must have acted; absent otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReferralStatusChanged(
        String referralId, ReferralStatus status, Pathway pathway, String detail, Instant at, Instant due)
        implements EventPayload {

    /** A status that waits for nobody. */
    public ReferralStatusChanged(String referralId, ReferralStatus status, Pathway pathway, String detail, Instant at) {
        this(referralId, status, pathway, detail, at, null);
    }

    /** The referral was cancelled, for this reason, before or after its process started. */
    public static ReferralStatusChanged cancelled(String referralId, Pathway pathway, String reason, Instant at) {
        return new ReferralStatusChanged(referralId, ReferralStatus.CANCELLED, pathway, "Referral cancelled: " + reason, at);
    }

    @Override
    public Priority lane() {
        return pathway == null ? Priority.ROUTINE : pathway.priority();
    }
}
