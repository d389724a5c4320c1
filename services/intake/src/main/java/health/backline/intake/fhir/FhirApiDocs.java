package health.backline.intake.fhir;

import static health.backline.starter.apidocs.OperationDocs.operation;
import static org.springframework.http.HttpMethod.GET;

import health.backline.starter.apidocs.ApiDocs;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The contract's one FHIR path under {@code /api} in the API docs. The facade itself ({@code /fhir}) describes
 * itself in FHIR's own way: its CapabilityStatement at {@code GET /fhir/metadata}.
 */
@Configuration(proxyBeanMethods = false)
class FhirApiDocs {

    @Bean
    ApiDocs fhirShortcut() {
        return ApiDocs.of(operation(GET, "/api/referrals/{id}/fhir", "The referral as an HL7 FHIR R4 ServiceRequest "
                + "(application/fhir+json), the same as GET /fhir/ServiceRequest/{id}")
                .answer(200, "The ServiceRequest: status, intent, priority, the patient contained as subject, the rule "
                        + "reasons as reasonCode, the pathway as performerType, the booked start as occurrenceDateTime, "
                        + "the findings as supportingInfo Observations", null));
    }
}
