package health.backline.events.intake;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The spasm as the patient describes it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Complaint(Region region, int symptomDurationDays, int painScore, String description) {
}
