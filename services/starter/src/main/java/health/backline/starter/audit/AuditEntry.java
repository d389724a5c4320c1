package health.backline.starter.audit;

import java.time.Instant;

/** One line of the audit trail: who did what to which referral, when. */
public record AuditEntry(long id, Instant at, String actor, String action, String referralId, String detail) {
}
