package health.backline.events.intake;

import java.util.EnumSet;
import java.util.Set;

/** What the patient reports, as finding codes of the intake contract, with the words staff see. */
public enum Finding {
    BLADDER_OR_BOWEL_DYSFUNCTION("New trouble controlling or emptying bladder or bowel"),
    SADDLE_ANESTHESIA("Numbness between the legs or around the back passage"),
    PROGRESSIVE_WEAKNESS("Weakness in a leg or arm that is getting worse"),
    SUDDEN_ONE_SIDED_NUMBNESS("New numbness or tingling on one side of the body"),
    LEG_NUMBNESS_OR_TINGLING("Stable numbness or tingling down a leg (or arm)"),
    GAIT_DISTURBANCE("Unsteady or clumsy walking, not only from pain"),
    CHEST_PAIN("Chest pain"),
    UNABLE_TO_MOVE("Cannot move because of the pain"),
    HIGH_ENERGY_TRAUMA("Started after a road accident at speed or a fall from height"),
    MINOR_TRAUMA("Started after lifting, bending, a slip or a minor fall"),
    FEVER("Fever or chills"),
    NECK_STIFFNESS("Stiff neck that will not bend forward"),
    SEVERE_HEADACHE("Severe or persistent headache"),
    BRUISE_LIKE_RASH("Bruise-like marks or rash on the skin"),
    IV_DRUG_USE("Injects drugs"),
    IMMUNOSUPPRESSION("Weakened immune system (chemotherapy, transplant, HIV, immunosuppressants)"),
    LONG_TERM_STEROID_USE("Has taken steroid tablets for months"),
    CANCER_HISTORY("Has had cancer"),
    OSTEOPOROSIS("Has osteoporosis (thin bones)"),
    ANKYLOSING_SPONDYLITIS("Has ankylosing spondylitis"),
    UNEXPLAINED_WEIGHT_LOSS("Losing weight without trying"),
    NIGHT_PAIN("Severe pain at night that rest does not ease"),
    RECURRENT_EPISODES("Has had spasms like this before"),
    OVERUSE_OR_HEAVY_LIFTING("Athlete, heavy lifting or repetitive strain at work or sport"),
    PROLONGED_SITTING_OR_POOR_POSTURE("Sits for long periods or works hunched at a screen"),
    STRESS_OR_ANXIETY("Under a lot of stress or anxiety"),
    DEHYDRATION("Drinks little, sweats a lot, possible dehydration");

    /**
     * The findings that on their own send a referral to the emergency department or to urgent imaging
     * (a one-finding rule of the triage table). Before triage has spoken, they choose the urgent lane;
     * triage's tests hold this set to the table.
     */
    private static final Set<Finding> RED_FLAGS = EnumSet.of(BLADDER_OR_BOWEL_DYSFUNCTION, SADDLE_ANESTHESIA,
            PROGRESSIVE_WEAKNESS, SUDDEN_ONE_SIDED_NUMBNESS, CHEST_PAIN, UNABLE_TO_MOVE, HIGH_ENERGY_TRAUMA,
            BRUISE_LIKE_RASH, CANCER_HISTORY, FEVER, IV_DRUG_USE, IMMUNOSUPPRESSION, OSTEOPOROSIS,
            ANKYLOSING_SPONDYLITIS, GAIT_DISTURBANCE);

    private final String reportedAs;

    Finding(String reportedAs) {
        this.reportedAs = reportedAs;
    }

    /** The plain-language wording of the finding. */
    public String reportedAs() {
        return reportedAs;
    }

    public boolean isRedFlag() {
        return RED_FLAGS.contains(this);
    }
}
