package health.backline.events.payload;

import static health.backline.events.intake.Bothersomeness.EXTREMELY;
import static health.backline.events.intake.Bothersomeness.MODERATELY;
import static health.backline.events.intake.Bothersomeness.NOT_AT_ALL;
import static health.backline.events.intake.Bothersomeness.SLIGHTLY;
import static health.backline.events.intake.Bothersomeness.VERY_MUCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.backline.events.intake.Bothersomeness;
import health.backline.events.intake.StartBackAnswers;
import health.backline.events.payload.StartBackScore.Risk;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StartBackScoringTest {

    /** Answers agreeing to the given items (1-8) and disagreeing with the rest. */
    private static StartBackAnswers agreeingTo(List<Integer> items, Bothersomeness bothersome) {
        List<Boolean> agreed = new ArrayList<>();
        for (int item = 1; item <= 8; item++) {
            agreed.add(items.contains(item));
        }
        return new StartBackAnswers(agreed, bothersome);
    }

    @Test
    void disagreeing_with_everything_and_no_bother_scores_zero_and_low_risk() {
        assertThat(StartBackScoring.score(agreeingTo(List.of(), NOT_AT_ALL)))
                .isEqualTo(new StartBackScore(0, 0, Risk.LOW));
    }

    @Test
    void agreeing_with_everything_and_extreme_bother_scores_nine_and_five_and_high_risk() {
        assertThat(StartBackScoring.score(agreeingTo(List.of(1, 2, 3, 4, 5, 6, 7, 8), EXTREMELY)))
                .isEqualTo(new StartBackScore(9, 5, Risk.HIGH));
    }

    @ParameterizedTest(name = "{0} scores {1}")
    @CsvSource({"NOT_AT_ALL, 0", "SLIGHTLY, 0", "MODERATELY, 0", "VERY_MUCH, 1", "EXTREMELY, 1"})
    void item_nine_scores_only_when_the_pain_is_very_much_or_extremely_bothersome(Bothersomeness bother, int points) {
        StartBackScore score = StartBackScoring.score(agreeingTo(List.of(), bother));

        assertThat(score.total()).isEqualTo(points);
        assertThat(score.psychosocial()).isEqualTo(points);
    }

    @Test
    void the_psychosocial_subscale_counts_items_five_to_nine_only() {
        assertThat(StartBackScoring.score(agreeingTo(List.of(1, 2, 3, 4), MODERATELY)))
                .isEqualTo(new StartBackScore(4, 0, Risk.MEDIUM));
        assertThat(StartBackScoring.score(agreeingTo(List.of(5, 6, 7, 8), VERY_MUCH)))
                .isEqualTo(new StartBackScore(5, 5, Risk.HIGH));
    }

    @Test
    void a_total_of_three_is_low_risk_even_when_all_three_are_psychosocial() {
        assertThat(StartBackScoring.score(agreeingTo(List.of(5, 6), VERY_MUCH)))
                .isEqualTo(new StartBackScore(3, 3, Risk.LOW));
    }

    @Test
    void a_total_of_four_with_a_psychosocial_score_of_three_is_medium_risk() {
        assertThat(StartBackScoring.score(agreeingTo(List.of(1, 5, 6, 7), SLIGHTLY)))
                .isEqualTo(new StartBackScore(4, 3, Risk.MEDIUM));
    }

    @Test
    void a_psychosocial_score_of_four_is_high_risk() {
        assertThat(StartBackScoring.score(agreeingTo(List.of(5, 6, 7, 8), NOT_AT_ALL)))
                .isEqualTo(new StartBackScore(4, 4, Risk.HIGH));
    }

    @Test
    void nine_yes_no_items_score_as_the_intake_answers_they_dichotomise() {
        List<Boolean> items = List.of(true, false, false, false, true, true, false, true, true);

        assertThat(StartBackScoring.score(items)).isEqualTo(new StartBackScore(5, 4, Risk.HIGH))
                .isEqualTo(StartBackScoring.score(agreeingTo(List.of(1, 5, 6, 8), EXTREMELY)));
    }

    @Test
    void anything_but_nine_yes_no_items_is_refused() {
        assertThatThrownBy(() -> StartBackScoring.score(List.of(true, false)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "total {0}, psychosocial {1}: {2}")
    @CsvSource({"0, 0, LOW", "3, 3, LOW", "4, 0, MEDIUM", "4, 3, MEDIUM", "7, 3, MEDIUM", "4, 4, HIGH", "9, 5, HIGH"})
    void risk_groups_follow_keele_cut_offs(int total, int psychosocial, Risk risk) {
        assertThat(StartBackScoring.risk(total, psychosocial)).isEqualTo(risk);
    }
}
