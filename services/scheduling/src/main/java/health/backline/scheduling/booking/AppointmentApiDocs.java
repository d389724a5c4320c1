package health.backline.scheduling.booking;

import static health.backline.starter.apidocs.OperationDocs.operation;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import health.backline.starter.apidocs.ApiDocs;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The appointments API in the API docs (API.md, Scheduling). */
@Configuration(proxyBeanMethods = false)
class AppointmentApiDocs {

    @Bean
    ApiDocs appointmentOperations() {
        return ApiDocs.of(operation(GET, "/api/appointments",
                        "A referral's appointments (referralId required); schedulers, clinicians, clinical leads, admins"),
                operation(POST, "/api/appointments/{id}/attendance",
                        "Whether the patient came, {\"attended\": true|false}, once the appointment has started: 204;"
                                + " 409 before it starts, if recorded before, or for an ER handoff;"
                                + " schedulers, clinicians, clinical leads"));
    }
}
