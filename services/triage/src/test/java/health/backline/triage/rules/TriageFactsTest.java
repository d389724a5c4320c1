package health.backline.triage.rules;

import static health.backline.events.intake.Finding.MINOR_TRAUMA;
import static health.backline.events.intake.Finding.OSTEOPOROSIS;
import static org.assertj.core.api.Assertions.assertThat;

import health.backline.events.intake.Bothersomeness;
import health.backline.events.intake.Complaint;
import health.backline.events.intake.Intake;
import health.backline.events.intake.Patient;
import health.backline.events.intake.Region;
import health.backline.events.intake.Sex;
import health.backline.events.intake.StartBackAnswers;
import health.backline.events.payload.StartBackScore;
import health.backline.events.payload.StartBackScore.Risk;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TriageFactsTest {

    private static final LocalDate BIRTH_DATE = LocalDate.of(1956, 11, 22);

    private static Intake intake(StartBackAnswers startBack) {
        return new Intake(
                new Patient("MRN-0042", "Ada", "Lovelace", BIRTH_DATE, Sex.FEMALE, null),
                null,
                new Complaint(Region.LUMBAR, 10, 7, "Spasm after lifting a box"),
                List.of(MINOR_TRAUMA, OSTEOPOROSIS),
                3,
                false,
                startBack);
    }

    @Test
    void facts_carry_what_the_front_desk_recorded() {
        TriageFacts facts = TriageFacts.of(intake(null), LocalDate.of(2026, 11, 21));

        assertThat(facts.findings()).isEqualTo(Set.of(MINOR_TRAUMA, OSTEOPOROSIS));
        assertThat(facts.symptomDurationDays()).isEqualTo(10);
        assertThat(facts.painScore()).isEqualTo(7);
        assertThat(facts.conservativeCareWeeks()).isEqualTo(3);
        assertThat(facts.improving()).isFalse();
    }

    @Test
    void age_is_whole_years_on_the_intake_day() {
        assertThat(TriageFacts.of(intake(null), LocalDate.of(2026, 11, 21)).age()).isEqualTo(69);
        assertThat(TriageFacts.of(intake(null), LocalDate.of(2026, 11, 22)).age()).isEqualTo(70);
    }

    @Test
    void start_back_is_scored_when_the_nine_answers_were_given() {
        // Arrays.asList, not List.of: StartBackAnswers checks contains(null), which List.of rejects.
        StartBackAnswers answers = new StartBackAnswers(
                Arrays.asList(true, false, true, false, true, true, true, true), Bothersomeness.EXTREMELY);

        assertThat(TriageFacts.of(intake(answers), LocalDate.of(2026, 11, 21)).startBack())
                .isEqualTo(new StartBackScore(7, 5, Risk.HIGH));
    }

    @Test
    void start_back_is_absent_when_the_questionnaire_was_skipped() {
        assertThat(TriageFacts.of(intake(null), LocalDate.of(2026, 11, 21)).startBack()).isNull();
    }
}
