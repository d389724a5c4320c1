package health.backline.intake.referral.pages;

import static health.backline.events.intake.Finding.*;

import health.backline.events.intake.Finding;
import java.util.List;

/**
 * The finding codes as a clinician would ask about them, each group under a heading of its own.
 * Every code of the contract appears exactly once (a test holds this).
 */
public final class FindingGroups {

    public record Group(String id, String title, List<Finding> findings) {
    }

    static final List<Group> ALL = List.of(
            new Group("emergency", "Emergency signs", List.of(
                    BLADDER_OR_BOWEL_DYSFUNCTION, SADDLE_ANESTHESIA, PROGRESSIVE_WEAKNESS,
                    SUDDEN_ONE_SIDED_NUMBNESS, CHEST_PAIN, UNABLE_TO_MOVE)),
            new Group("injury", "Injury", List.of(HIGH_ENERGY_TRAUMA, MINOR_TRAUMA)),
            new Group("infection", "Infection and inflammation", List.of(
                    FEVER, NECK_STIFFNESS, SEVERE_HEADACHE, BRUISE_LIKE_RASH, IV_DRUG_USE, IMMUNOSUPPRESSION,
                    LONG_TERM_STEROID_USE)),
            new Group("history", "History and risk", List.of(
                    CANCER_HISTORY, OSTEOPOROSIS, ANKYLOSING_SPONDYLITIS, UNEXPLAINED_WEIGHT_LOSS, NIGHT_PAIN,
                    LEG_NUMBNESS_OR_TINGLING, GAIT_DISTURBANCE, RECURRENT_EPISODES)),
            new Group("lifestyle", "Lifestyle", List.of(
                    OVERUSE_OR_HEAVY_LIFTING, PROLONGED_SITTING_OR_POOR_POSTURE, STRESS_OR_ANXIETY, DEHYDRATION)));

    private FindingGroups() {
    }
}
