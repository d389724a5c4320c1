package health.backline.starter.audit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service's audit trail for admins, newest first, filtered by user, referral and day: {@code GET /api/audit}
 * (JSON, the contract's endpoint) and {@code GET /audit.csv} (a spreadsheet export of the same query).
 */
@RestController
public class AuditController {

    private static final int MOST_JSON_ROWS = 500;
    private static final int MOST_CSV_ROWS = 50_000;
    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final AuditTrail trail;

    public AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/api/audit")
    List<AuditEntry> audit(@RequestParam(required = false) String user,
                           @RequestParam(required = false) String referralId,
                           @RequestParam(required = false) String day,
                           @RequestParam(defaultValue = "100") int limit) {
        return trail.find(AuditQuery.parse(user, referralId, day, limit, MOST_JSON_ROWS));
    }

    @GetMapping("/audit.csv")
    ResponseEntity<String> csv(@RequestParam(required = false) String user,
                               @RequestParam(required = false) String referralId,
                               @RequestParam(required = false) String day,
                               @RequestParam(defaultValue = "" + MOST_CSV_ROWS) int limit) {
        List<AuditEntry> entries = trail.find(AuditQuery.parse(user, referralId, day, limit, MOST_CSV_ROWS));
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("audit.csv").build().toString())
                .body(AuditCsv.of(entries));
    }
}
