package health.backline.workflow.tasks;

import java.util.Optional;

/**
 * What the pain scores say about a reassessment (docs/clinical/outcomes.md): the change from the intake's score
 * (negative is better) and whether the fall reaches the usual clinically important threshold, 30 % of the baseline.
 */
public final class PainImprovement {

    /** A fall of 30 % or more of the baseline pain is clinically important (Ostelo 2008, Farrar 2001). */
    public static final int IMPORTANT_FALL_PERCENT = 30;

    private PainImprovement() {
    }

    /** A pain score of 0-10 as a number, whatever integral type the channel gave it (Tasklist: long). */
    public static Optional<Integer> score(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short
                ? Optional.of(((Number) value).intValue()).filter(score -> score >= 0 && score <= 10)
                : Optional.empty();
    }

    /** Reassessment pain − intake pain; empty when either is unknown. */
    public static Optional<Integer> change(Integer baseline, Integer now) {
        return baseline == null || now == null ? Optional.empty() : Optional.of(now - baseline);
    }

    /**
     * The outcome the pain scores give: improving when the pain fell by 30 % or more of the baseline. Empty when
     * either score is unknown, or the baseline is 0: nothing can fall from no pain, so the clinician alone decides.
     */
    public static Optional<ReassessmentOutcome> outcome(Integer baseline, Integer now) {
        if (baseline == null || now == null || baseline == 0) {
            return Optional.empty();
        }
        // In whole numbers: (baseline - now) / baseline >= 30 / 100.
        return Optional.of(ReassessmentOutcome.of(100 * (baseline - now) >= IMPORTANT_FALL_PERCENT * baseline));
    }
}
