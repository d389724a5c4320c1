package health.backline.events.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;

/** Who the referral is for. The phone number never leaves the intake service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Patient(String mrn, String givenName, String familyName, LocalDate birthDate, Sex sex, String phone) {

    /** The patient as other services see them: without contact details. */
    public Patient withoutContactDetails() {
        return new Patient(mrn, givenName, familyName, birthDate, sex, null);
    }
}
