package health.backline.triage.rules;

import health.backline.events.intake.StartBackAnswers;
import health.backline.events.payload.StartBackScore;
import health.backline.events.payload.StartBackScore.Risk;

/** Scores the Keele STarT Back Screening Tool, in Keele's own item order. */
public final class StartBackScoring {

    private static final int FIRST_PSYCHOSOCIAL_ITEM = 5;
    private static final int LAST_AGREE_ITEM = 8;

    private StartBackScoring() {
    }

    /**
     * Items 1-8 score one point when agreed to, item 9 only for "very much" or "extremely". The
     * psychosocial subscale is items 5-9.
     */
    public static StartBackScore score(StartBackAnswers answers) {
        int total = answers.bothersome().points();
        int psychosocial = answers.bothersome().points();
        for (int item = 1; item <= LAST_AGREE_ITEM; item++) {
            if (answers.agreedTo(item)) {
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
