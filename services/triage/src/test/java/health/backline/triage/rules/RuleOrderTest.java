package health.backline.triage.rules;

import static health.backline.events.Pathway.ER_REFERRAL;
import static health.backline.events.Pathway.PRIMARY_CARE_FOLLOW_UP;
import static health.backline.events.intake.Finding.CANCER_HISTORY;
import static health.backline.events.intake.Finding.FEVER;
import static health.backline.events.intake.Finding.IMMUNOSUPPRESSION;
import static health.backline.events.intake.Finding.LEG_NUMBNESS_OR_TINGLING;
import static health.backline.events.intake.Finding.NIGHT_PAIN;
import static health.backline.events.intake.Finding.RECURRENT_EPISODES;
import static health.backline.triage.rules.PatientFacts.patient;
import static health.backline.triage.rules.Triage.triage;
import static org.assertj.core.api.Assertions.assertThat;

import health.backline.events.Priority;
import health.backline.events.intake.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** How matches combine: all listed in rule order, the first decides, R25 only when alone. */
class RuleOrderTest {

    @Test
    void every_matching_rule_is_listed_in_rule_order_with_its_reason() {
        TriageDecision decision = triage(patient()
                .reporting(RECURRENT_EPISODES, NIGHT_PAIN, IMMUNOSUPPRESSION, FEVER, LEG_NUMBNESS_OR_TINGLING,
                        CANCER_HISTORY)
                .withSymptomsFor(90)
                .withStartBack(6, 4));

        assertThat(decision.rules()).containsExactly("R09", "R10", "R11", "R12", "R18", "R19", "R20", "R22", "R23");
        assertThat(decision.reasons()).hasSize(9);
        assertThat(decision.reasons().get(0))
                .isEqualTo("Fever in a patient at risk of spinal infection (abscess, discitis)");
        assertThat(decision.reasons().get(8))
                .isEqualTo("Recurrent spasms: exercise and core strengthening to prevent recurrence");
    }

    @Test
    void the_first_matching_rule_decides_the_pathway_and_its_priority() {
        TriageDecision decision = triage(patient().reporting(CANCER_HISTORY, LEG_NUMBNESS_OR_TINGLING));

        assertThat(decision.rules()).first().isEqualTo("R10");
        assertThat(decision.pathway()).isEqualTo(ER_REFERRAL);
        assertThat(decision.priority()).isEqualTo(Priority.STAT);
    }

    @Test
    void night_pain_sends_a_recurrent_high_risk_spasm_to_a_clinician_before_physiotherapy() {
        TriageDecision decision = triage(patient().reporting(NIGHT_PAIN, RECURRENT_EPISODES).withStartBack(6, 5));

        assertThat(decision.rules()).containsExactly("R18", "R20", "R23");
        assertThat(decision.pathway()).isEqualTo(PRIMARY_CARE_FOLLOW_UP);
        assertThat(decision.priority()).isEqualTo(Priority.ROUTINE);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Finding.class)
    void no_red_flags_is_given_only_when_no_other_rule_matches(Finding finding) {
        TriageDecision decision = triage(patient().aged(75).reporting(finding));

        if (decision.rules().contains("R25")) {
            assertThat(decision.rules()).containsExactly("R25");
        } else {
            assertThat(decision.rules()).isNotEmpty();
        }
    }

    @Test
    void a_patient_who_skipped_start_back_is_triaged_without_it() {
        TriageDecision decision = triage(patient().reporting(RECURRENT_EPISODES));

        assertThat(decision.rules()).containsExactly("R23");
    }
}
