package health.backline.intake.fhir;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * What an intake records besides the patient, the region and the findings, each as an Observation with this
 * code among a ServiceRequest's supportingInfo; {@code pointer} is where the intake JSON keeps it.
 */
enum IntakeItem {
    PAIN_SCORE(BacklineCodes.LOINC, "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
            "/complaint/painScore"),
    SYMPTOM_DURATION(BacklineCodes.INTAKE_ITEM, "symptom-duration", "Days since the symptoms began",
            "/complaint/symptomDurationDays"),
    CONSERVATIVE_CARE(BacklineCodes.INTAKE_ITEM, "conservative-care-weeks", "Weeks of conservative care so far",
            "/conservativeCareWeeks"),
    IMPROVING(BacklineCodes.INTAKE_ITEM, "improving", "Improving with conservative care", "/improving"),
    START_BACK(BacklineCodes.INTAKE_ITEM, "start-back", "Keele STarT Back Screening Tool answers", "/startBack");

    private final String system;
    private final String code;
    private final String display;
    private final String pointer;

    IntakeItem(String system, String code, String display, String pointer) {
        this.system = system;
        this.code = code;
        this.display = display;
        this.pointer = pointer;
    }

    CodeableConcept concept() {
        return new CodeableConcept(new Coding(system, code, display)).setText(display);
    }

    String pointer() {
        return pointer;
    }

    /** The FHIR element an intake problem at this item's pointer is about. */
    String expression() {
        return "Observation.where(code.coding.code = '" + code + "').value";
    }

    static IntakeItem of(Coding coding) {
        for (IntakeItem item : values()) {
            if (item.system.equals(coding.getSystem()) && item.code.equals(coding.getCode())) {
                return item;
            }
        }
        return null;
    }

    /** A STarT Back item's code: {@code start-back-1} … {@code start-back-9}. */
    static Coding startBackItem(int item) {
        return new Coding(BacklineCodes.INTAKE_ITEM, START_BACK.code + "-" + item, "STarT Back item " + item);
    }
}
