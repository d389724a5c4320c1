package health.backline.events.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import health.backline.events.EventPayload;
import health.backline.events.Priority;
import java.time.Instant;

/**
 * New findings, a new pain score or a new duration were added to an open referral, to be triaged again.
 * {@code referral} is the intake as it now stands (without contact details, as submitted); {@code revision}
 * counts the referral's re-triages from 1; {@code note} is what the person who added them wrote, or null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReferralFindingsAdded(String referralId, int revision, Instant at, String note,
                                    ReferralSubmitted referral) implements EventPayload {

    @Override
    public Priority lane() {
        return referral == null ? Priority.ROUTINE : referral.lane();
    }
}
