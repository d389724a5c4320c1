package health.backline.intake.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.backline.events.intake.Intake;
import health.backline.intake.referral.ReferralSubmission;
import health.backline.intake.referral.Referrals;
import health.backline.intake.referral.StoredReferral;
import health.backline.intake.referral.Submission;
import health.backline.starter.audit.AuditTrail;
import health.backline.starter.intake.IntakeValidator;
import health.backline.starter.web.FieldProblem;
import health.backline.starter.web.InvalidRequestException;
import health.backline.starter.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * What the FHIR facade does with referrals: shows them (every read in the audit trail, as the API's) and
 * receives them, by the very submission, validation and idempotency of {@code POST /api/referrals}.
 */
@Service
public class FhirReferrals {

    private static final int MAX_KEY_LENGTH = 64;

    private final Referrals referrals;
    private final ReferralSubmission submission;
    private final IntakeValidator validator;
    private final AuditTrail audit;
    private final FhirContext fhir;

    FhirReferrals(Referrals referrals, ReferralSubmission submission, IntakeValidator validator, AuditTrail audit,
                  FhirContext fhir) {
        this.referrals = referrals;
        this.submission = submission;
        this.validator = validator;
        this.audit = audit;
        this.fhir = fhir;
    }

    /** The referral, read by the signed-in user through this channel; FHIR's 404 if there is none. */
    public StoredReferral read(String id, String channel) {
        StoredReferral referral = referrals.findWithIntake(id)
                .orElseThrow(() -> new ResourceNotFoundException("No referral has id " + id));
        recordRead(channel, List.of(referral), "the referral");
        return referral;
    }

    void recordRead(String channel, List<StoredReferral> shown, String detail) {
        audit.recordRead(SecurityContextHolder.getContext().getAuthentication().getName(), channel,
                shown.stream().map(referral -> referral.view().id().toString()).toList(), detail);
    }

    /**
     * Creates the referral the resources carry, or answers the first one again for a repeated key. Nothing is
     * stored unless every rule holds: FHIR's 422 lists each issue otherwise.
     */
    MethodOutcome receive(ReceivedReferral received, String idempotencyKey, String ifNoneExist) {
        IntakeOfReferral.Reading reading = IntakeOfReferral.read(received);
        List<FieldProblem> issues = new ArrayList<>(reading.issues());
        Intake intake = null;
        try {
            intake = validator.validate(reading.intake());
        } catch (InvalidRequestException invalid) {
            invalid.problems().forEach(problem -> issues.add(new FieldProblem(
                    IntakeOfReferral.expressionOf(problem.pointer()), intakeField(problem) + problem.detail())));
        }
        if (!issues.isEmpty()) {
            throw new UnprocessableEntityException(fhir, outcome(issues));
        }
        Submission submitted;
        try {
            submitted = submission.submit(intake, keyOf(idempotencyKey, ifNoneExist));
        } catch (ProblemException conflict) {
            if (conflict.status() == HttpStatus.CONFLICT) {
                throw new ResourceVersionConflictException(conflict.getMessage());
            }
            throw conflict;
        }
        ServiceRequest created = ReferralAsServiceRequest.of(referrals.findWithIntake(submitted.referral().id()).orElseThrow());
        return new MethodOutcome(new IdType("ServiceRequest", created.getIdElement().getIdPart()), submitted.created())
                .setResource(created);
    }

    /** Idempotency-Key as the API takes it; otherwise the If-None-Exist condition, hashed if it is long. */
    private static String keyOf(String idempotencyKey, String ifNoneExist) {
        if (idempotencyKey != null) {
            if (idempotencyKey.isEmpty() || idempotencyKey.length() > MAX_KEY_LENGTH) {
                throw new ca.uhn.fhir.rest.server.exceptions.InvalidRequestException("Idempotency-Key must be 1-" + MAX_KEY_LENGTH + " characters");
            }
            return idempotencyKey;
        }
        if (ifNoneExist == null || ifNoneExist.isBlank()) {
            return null;
        }
        return ifNoneExist.length() <= MAX_KEY_LENGTH ? ifNoneExist : sha256(ifNoneExist);
    }

    private static String intakeField(FieldProblem problem) {
        String field = problem.pointer().replaceFirst("^/", "").replace('/', '.');
        return field.isEmpty() ? "" : field + ": ";
    }

    private static OperationOutcome outcome(List<FieldProblem> issues) {
        OperationOutcome outcome = new OperationOutcome();
        for (FieldProblem issue : issues) {
            outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.INVALID)
                    .setDiagnostics(issue.detail()).addExpression(issue.pointer());
        }
        return outcome;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
