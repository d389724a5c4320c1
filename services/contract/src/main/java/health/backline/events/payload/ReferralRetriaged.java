package health.backline.events.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import health.backline.events.EventPayload;
import health.backline.events.Priority;
import java.time.Instant;

/**
 * Triage's answer to a referral's new findings ({@link ReferralFindingsAdded} of the same {@code revision}): the
 * pathway the referral as it now stands would take. Whether it applies at once is the workflow's call
 * ({@link health.backline.events.Pathway#appliesAtOnceOver}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReferralRetriaged(String referralId, int revision, Instant at, String note, ReferralTriaged triage)
        implements EventPayload {

    @Override
    public Priority lane() {
        return triage == null ? Priority.ROUTINE : triage.lane();
    }
}
