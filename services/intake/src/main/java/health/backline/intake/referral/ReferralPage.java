package health.backline.intake.referral;

import java.util.List;

/** One page of referrals, newest first. */
public record ReferralPage(List<ReferralView> items, int page, int size, long totalElements) {

    /** The referrals shown, as the audit trail names them. */
    public List<String> ids() {
        return items.stream().map(referral -> referral.id().toString()).toList();
    }
}
