package health.backline.scheduling.slots;

import static health.backline.starter.apidocs.OperationDocs.operation;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import health.backline.starter.apidocs.ApiDocs;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The slots API in the API docs (API.md, Scheduling). */
@Configuration(proxyBeanMethods = false)
class SlotApiDocs {

    /** A new slot, as a scheduler adds one (PT-2: no seeded slot in its way); SlotsApiIT adds it. */
    static final String NEW_SLOT = "/api-examples/new-slot.json";

    @Bean
    ApiDocs slotOperations() {
        return ApiDocs.of(
                operation(GET, "/api/slots", "Free and booked slots starting in [from, to), by start: from defaults "
                        + "to now, to to a week later, at most 31 days; schedulers and admins"),
                operation(POST, "/api/slots", "Add capacity; schedulers and admins")
                        .request("A physiotherapy slot", NEW_SLOT)
                        .answer(201, "The slot, and Location: /api/slots/{id}", null)
                        .problem(409, "The resource already has a slot starting then", null),
                operation(GET, "/api/slots/{id}", "One slot (the Location of a new one); schedulers and admins"));
    }
}
