package health.backline.intake.referral;

import com.fasterxml.jackson.databind.JsonNode;
import health.backline.events.Pathway;
import health.backline.events.ReferralStatus;
import health.backline.starter.audit.AuditTrail;
import health.backline.starter.intake.IntakeValidator;
import health.backline.starter.web.FieldProblem;
import health.backline.starter.web.InvalidRequestException;
import health.backline.starter.web.ProblemException;
import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The referrals API of the contract: submit, look up, list, cancel, add new findings. */
@RestController
@RequestMapping("/api/referrals")
class ReferralController {

    private static final int MAX_PAGE_SIZE = 100;
    private static final int MAX_KEY_LENGTH = 64;

    private final IntakeValidator validator;
    private final ReferralSubmission submission;
    private final ReferralCancellation cancellation;
    private final ReferralFindings findings;
    private final Referrals referrals;
    private final AuditTrail audit;

    ReferralController(IntakeValidator validator, ReferralSubmission submission, ReferralCancellation cancellation,
                       ReferralFindings findings, Referrals referrals, AuditTrail audit) {
        this.audit = audit;
        this.validator = validator;
        this.submission = submission;
        this.cancellation = cancellation;
        this.findings = findings;
        this.referrals = referrals;
    }

    @PostMapping
    ResponseEntity<ReferralView> submit(@RequestBody JsonNode body,
                                        @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        if (key != null && (key.isEmpty() || key.length() > MAX_KEY_LENGTH)) {
            throw new InvalidRequestException("Idempotency-Key", "must be 1-" + MAX_KEY_LENGTH + " characters");
        }
        Submission result = submission.submit(validator.validate(body), key);
        if (!result.created()) {
            return ResponseEntity.ok(result.referral());
        }
        return ResponseEntity.accepted()
                .location(URI.create("/api/referrals/" + result.referral().id()))
                .body(result.referral());
    }

    /** Accepted: the workflow ends the referral and reports CANCELLED shortly after. */
    @PostMapping("/{id}/cancel")
    ResponseEntity<ReferralView> cancel(@PathVariable UUID id, @RequestBody(required = false) JsonNode body,
                                        Principal user) {
        JsonNode reason = body == null ? null : body.get("reason");
        String text = reason != null && reason.isTextual() ? reason.asText() : null;
        return ResponseEntity.accepted().body(cancellation.cancel(id, text, user.getName()));
    }

    /** Accepted: triage looks at the referral again and reports back; facts already recorded change nothing. */
    @PostMapping("/{id}/findings")
    ResponseEntity<ReferralView> addFindings(@PathVariable UUID id, @RequestBody JsonNode body, Principal user) {
        return ResponseEntity.accepted().body(findings.add(id, validator.validateFindings(body), user.getName()));
    }

    /** Every read of a referral's patient details goes into the audit trail, lists included. */
    @GetMapping("/{id}")
    ReferralView get(@PathVariable UUID id, Principal user) {
        ReferralView referral = referrals.find(id).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND,
                "Referral not found", "No referral has id " + id));
        audit.recordRead(user.getName(), "GET /api/referrals/{id}", List.of(id.toString()), "the referral");
        return referral;
    }

    @GetMapping
    ReferralPage list(@RequestParam(required = false) ReferralStatus status,
                      @RequestParam(required = false) Pathway pathway,
                      @RequestParam(defaultValue = "0") int page,
                      @RequestParam(defaultValue = "20") int size,
                      Principal user) {
        List<FieldProblem> problems = new ArrayList<>();
        if (page < 0) {
            problems.add(new FieldProblem("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            problems.add(new FieldProblem("size", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        ReferralPage result = referrals.page(status, pathway, page, size);
        audit.recordRead(user.getName(), "GET /api/referrals", result.ids(),
                "page " + page + " of size " + size + ", status " + status + ", pathway " + pathway);
        return result;
    }
}
