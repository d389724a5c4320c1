package health.backline.intake.fhir;

import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.springframework.stereotype.Component;

/**
 * {@code POST /fhir} with a transaction Bundle: one ServiceRequest, its Patient and its findings as
 * Observations or Conditions. The whole Bundle becomes one referral, or nothing is stored.
 */
@Component
class ReferralTransaction {

    private final FhirReferrals referrals;

    ReferralTransaction(FhirReferrals referrals) {
        this.referrals = referrals;
    }

    @Transaction
    public Bundle transaction(@TransactionParam Bundle bundle, HttpServletRequest http) {
        if (bundle.getType() != BundleType.TRANSACTION) {
            throw new UnprocessableEntityException("Bundle.type must be transaction");
        }
        List<BundleEntryComponent> requests = bundle.getEntry().stream()
                .filter(entry -> entry.getResource() instanceof ServiceRequest).toList();
        if (requests.size() != 1) {
            throw new UnprocessableEntityException("Bundle.entry must hold exactly one ServiceRequest, not " + requests.size());
        }
        List<BundleEntryComponent> notPosted = bundle.getEntry().stream()
                .filter(entry -> entry.getRequest().getMethod() != HTTPVerb.POST).toList();
        if (!notPosted.isEmpty()) {
            throw new UnprocessableEntityException("Bundle.entry.request.method must be POST for every entry: a referral is only ever created");
        }
        BundleEntryComponent request = requests.get(0);
        MethodOutcome outcome = referrals.receive(ReceivedReferral.of((ServiceRequest) request.getResource(), bundle),
                http.getHeader(ServiceRequestProvider.IDEMPOTENCY_KEY), request.getRequest().getIfNoneExist());
        return response(bundle, request, outcome);
    }

    /** One answer per entry: the ServiceRequest was created (or found again); the others are inside it. */
    private static Bundle response(Bundle bundle, BundleEntryComponent request, MethodOutcome outcome) {
        Bundle response = new Bundle().setType(BundleType.TRANSACTIONRESPONSE);
        String location = "ServiceRequest/" + outcome.getId().getIdPart();
        for (BundleEntryComponent entry : bundle.getEntry()) {
            BundleEntryComponent answer = response.addEntry();
            if (entry == request) {
                answer.setResource((ServiceRequest) outcome.getResource());
                answer.getResponse().setStatus(Boolean.TRUE.equals(outcome.getCreated()) ? "201 Created" : "200 OK")
                        .setLocation(location);
            } else {
                answer.getResponse().setStatus("200 OK").setLocation(location);
            }
        }
        return response;
    }
}
