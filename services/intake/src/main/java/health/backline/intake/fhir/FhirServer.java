package health.backline.intake.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.List;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The FHIR R4 facade at {@code /fhir}: HAPI's RestfulServer with the referral providers, one FhirContext for
 * the service (building one reads every R4 structure: seconds and tens of megabytes). {@code GET /fhir/metadata}
 * is HAPI's CapabilityStatement of these providers.
 */
@Configuration(proxyBeanMethods = false)
class FhirServer {

    static final String PATH = "/fhir";

    @Bean
    FhirContext fhirContext() {
        return FhirContext.forR4Cached();
    }

    @Bean
    ServletRegistrationBean<RestfulServer> fhirServlet(FhirContext fhir, ServiceRequestProvider serviceRequests,
                                                       TaskProvider tasks, ReferralTransaction transactions) {
        RestfulServer server = new RestfulServer(fhir);
        server.setResourceProviders(List.of(serviceRequests, tasks));
        server.registerProvider(transactions);
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setDefaultPageSize(ReferralSearch.DEFAULT_PAGE_SIZE);
        server.setMaximumPageSize(ReferralSearch.MAX_PAGE_SIZE);
        server.setImplementationDescription("Backline referrals (intake service)");
        ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, PATH + "/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
