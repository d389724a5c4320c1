package health.backline.intake.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.backline.starter.web.ProblemException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/referrals/{id}/fhir}: the contract's shortcut to the referral's ServiceRequest. */
@RestController
class ReferralFhirController {

    private static final MediaType FHIR_JSON = MediaType.parseMediaType(Constants.CT_FHIR_JSON_NEW);

    private final FhirReferrals referrals;
    private final FhirContext fhir;

    ReferralFhirController(FhirReferrals referrals, FhirContext fhir) {
        this.referrals = referrals;
        this.fhir = fhir;
    }

    @GetMapping(path = "/api/referrals/{id}/fhir", produces = {Constants.CT_FHIR_JSON_NEW, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<String> serviceRequest(@PathVariable UUID id) {
        try {
            String json = fhir.newJsonParser().encodeResourceToString(
                    ReferralAsServiceRequest.of(referrals.read(id.toString(), "GET /api/referrals/{id}/fhir")));
            return ResponseEntity.ok().contentType(FHIR_JSON).body(json);
        } catch (ResourceNotFoundException none) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "Referral not found", "No referral has id " + id);
        }
    }
}
