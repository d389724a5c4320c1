package health.backline.events.payload;

import health.backline.events.intake.StartBackAnswers;
import health.backline.events.payload.StartBackScore.Risk;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scores the Keele STarT Back Screening Tool, in Keele's own item order. One definition for the intake (triage) and
 * the reassessment (workflow), so a change in the score is a change in the patient, not in the arithmetic.
 */
public final class StartBackScoring {

    /** The nine items, each scoring one point when answered "yes". */
    public static final int ITEMS = 9;
    private static final int FIRST_PSYCHOSOCIAL_ITEM = 5;

    private StartBackScoring() {
    }

    /**
     * Items 1-8 score one point when agreed to, item 9 only for "very much" or "extremely". The
     * psychosocial subscale is items 5-9.
     */
    public static StartBackScore score(StartBackAnswers answers) {
        List<Boolean> items = new ArrayList<>(answers.agreed());
        items.add(answers.bothersome().points() == 1);
        return score(items);
    }

    /**
     * The nine items as yes/no, item 9 already dichotomised ("very much" or "extremely" bothersome: yes), as the
     * reassessment asks them (contract: Governance).
     */
    public static StartBackScore score(List<Boolean> items) {
        if (items == null || items.size() != ITEMS || items.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("STarT Back needs exactly " + ITEMS + " yes/no items");
        }
        int total = 0;
        int psychosocial = 0;
        for (int item = 1; item <= ITEMS; item++) {
            if (items.get(item - 1)) {
                total++;
                if (item >= FIRST_PSYCHOSOCIAL_ITEM) {
                    psychosocial++;
                }
            }
        }
        return new StartBackScore(total, psychosocial, risk(total, psychosocial));
    }

    /** Low: total 0-3. High: psychosocial 4-5 (which implies total 4 or more). Medium: the rest. */
    public static Risk risk(int total, int psychosocial) {
        if (psychosocial >= 4) {
            return Risk.HIGH;
        }
        return total >= 4 ? Risk.MEDIUM : Risk.LOW;
    }
}
