package health.backline.starter.audit;

import java.time.Instant;
import java.util.List;

/**
 * One line of the audit trail: who did what, when, through which {@code channel} (null for a decision), to which
 * referrals. {@code referralId} is the one referral of an entry about exactly one; {@code referralIds} lists all.
 */
public record AuditEntry(long id, Instant at, String actor, String action, String channel, String referralId,
                         List<String> referralIds, String detail) {
}
