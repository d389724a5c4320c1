package health.backline.starter.audit;

import health.backline.starter.web.InvalidRequestException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/audit}: the service's audit trail, newest first, for admins (every service's API chain). */
@RestController
public class AuditController {

    private static final int MAX_LIMIT = 500;

    private final AuditTrail trail;

    public AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/api/audit")
    List<AuditEntry> audit(@RequestParam(required = false) String referralId,
                           @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return trail.newest(referralId, limit);
    }
}
