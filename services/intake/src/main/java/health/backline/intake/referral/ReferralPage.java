package health.backline.intake.referral;

import java.util.List;

/** One page of referrals, newest first. */
public record ReferralPage(List<ReferralView> items, int page, int size, long totalElements) {
}
