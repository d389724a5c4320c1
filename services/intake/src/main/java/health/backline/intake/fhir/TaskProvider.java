package health.backline.intake.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.backline.intake.referral.StoredReferral;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;

/** {@code /fhir/Task}: a referral's workflow state; a referral's Task has the id of its ServiceRequest. */
@Component
class TaskProvider implements IResourceProvider {

    private final FhirReferrals referrals;

    TaskProvider(FhirReferrals referrals) {
        this.referrals = referrals;
    }

    @Override
    public Class<Task> getResourceType() {
        return Task.class;
    }

    @Read
    public Task read(@IdParam IdType id) {
        return ReferralAsTask.of(referrals.read(id.getIdPart(), "GET /fhir/Task/{id}"));
    }

    /** {@code Task?focus=ServiceRequest/{id}}: the one Task of that referral. */
    @Search
    public List<Task> byFocus(@RequiredParam(name = Task.SP_FOCUS) ReferenceParam focus) {
        if (focus.getResourceType() != null && !"ServiceRequest".equals(focus.getResourceType())) {
            throw new InvalidRequestException("focus: a referral's Task has a ServiceRequest as its focus");
        }
        StoredReferral referral;
        try {
            referral = referrals.read(focus.getIdPart(), "GET /fhir/Task?focus=");
        } catch (ResourceNotFoundException none) {
            return List.of();
        }
        return List.of(ReferralAsTask.of(referral));
    }
}
