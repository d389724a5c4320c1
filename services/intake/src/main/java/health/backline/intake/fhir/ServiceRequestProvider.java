package health.backline.intake.fhir;

import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.backline.intake.referral.ReferralFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.springframework.stereotype.Component;

/** {@code /fhir/ServiceRequest}: a referral read, searched for, or received. */
@Component
class ServiceRequestProvider implements IResourceProvider {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final FhirReferrals referrals;
    private final ReferralSearch search;

    ServiceRequestProvider(FhirReferrals referrals, ReferralSearch search) {
        this.referrals = referrals;
        this.search = search;
    }

    @Override
    public Class<ServiceRequest> getResourceType() {
        return ServiceRequest.class;
    }

    @Read
    public ServiceRequest read(@IdParam IdType id) {
        return ReferralAsServiceRequest.of(referrals.read(id.getIdPart(), "GET /fhir/ServiceRequest/{id}"));
    }

    /** By the patient's MRN ({@code patient.identifier}, with or without its system) and the request status. */
    @Search
    public IBundleProvider search(@OptionalParam(name = "patient.identifier") TokenParam mrn,
                                  @OptionalParam(name = ServiceRequest.SP_STATUS) TokenParam status,
                                  @Offset Integer offset, @Count Integer count) {
        ReferralFilter filter = ReferralFilter.ALL;
        if (mrn != null) {
            if (mrn.getSystem() != null && !mrn.getSystem().isEmpty() && !BacklineCodes.MRN.equals(mrn.getSystem())) {
                throw new InvalidRequestException("patient.identifier: the system of an MRN is " + BacklineCodes.MRN);
            }
            filter = filter.withMrn(mrn.getValue());
        }
        if (status != null) {
            filter = filter.withStatuses(FhirStates.withRequestStatus(requestStatus(status.getValue())));
        }
        return search.page(filter, offset, count, ReferralAsServiceRequest::of, "GET /fhir/ServiceRequest");
    }

    /** As {@code POST /api/referrals}; {@code Idempotency-Key} or {@code If-None-Exist} makes a retry safe. */
    @Create
    public MethodOutcome create(@ResourceParam ServiceRequest request, @ConditionalUrlParam String ifNoneExist,
                                HttpServletRequest http) {
        return referrals.receive(ReceivedReferral.of(request), http.getHeader(IDEMPOTENCY_KEY), ifNoneExist);
    }

    private static ServiceRequestStatus requestStatus(String code) {
        try {
            return ServiceRequestStatus.fromCode(code);
        } catch (FHIRException unknown) {
            throw new InvalidRequestException("status: unknown request status " + code);
        }
    }
}
