package health.backline.triage.rules;

import static health.backline.events.Pathway.ER_REFERRAL;
import static health.backline.events.Pathway.PHYSICAL_THERAPY;
import static health.backline.events.Pathway.PRIMARY_CARE_FOLLOW_UP;
import static health.backline.events.Pathway.URGENT_IMAGING;
import static health.backline.events.intake.Finding.ANKYLOSING_SPONDYLITIS;
import static health.backline.events.intake.Finding.BLADDER_OR_BOWEL_DYSFUNCTION;
import static health.backline.events.intake.Finding.BRUISE_LIKE_RASH;
import static health.backline.events.intake.Finding.CANCER_HISTORY;
import static health.backline.events.intake.Finding.CHEST_PAIN;
import static health.backline.events.intake.Finding.DEHYDRATION;
import static health.backline.events.intake.Finding.FEVER;
import static health.backline.events.intake.Finding.GAIT_DISTURBANCE;
import static health.backline.events.intake.Finding.HIGH_ENERGY_TRAUMA;
import static health.backline.events.intake.Finding.IMMUNOSUPPRESSION;
import static health.backline.events.intake.Finding.IV_DRUG_USE;
import static health.backline.events.intake.Finding.LEG_NUMBNESS_OR_TINGLING;
import static health.backline.events.intake.Finding.LONG_TERM_STEROID_USE;
import static health.backline.events.intake.Finding.MINOR_TRAUMA;
import static health.backline.events.intake.Finding.NECK_STIFFNESS;
import static health.backline.events.intake.Finding.NIGHT_PAIN;
import static health.backline.events.intake.Finding.OSTEOPOROSIS;
import static health.backline.events.intake.Finding.OVERUSE_OR_HEAVY_LIFTING;
import static health.backline.events.intake.Finding.PROGRESSIVE_WEAKNESS;
import static health.backline.events.intake.Finding.PROLONGED_SITTING_OR_POOR_POSTURE;
import static health.backline.events.intake.Finding.RECURRENT_EPISODES;
import static health.backline.events.intake.Finding.SADDLE_ANESTHESIA;
import static health.backline.events.intake.Finding.SEVERE_HEADACHE;
import static health.backline.events.intake.Finding.STRESS_OR_ANXIETY;
import static health.backline.events.intake.Finding.SUDDEN_ONE_SIDED_NUMBNESS;
import static health.backline.events.intake.Finding.UNABLE_TO_MOVE;
import static health.backline.events.intake.Finding.UNEXPLAINED_WEIGHT_LOSS;
import static health.backline.triage.rules.PatientFacts.patient;
import static health.backline.triage.rules.Triage.triage;
import static org.assertj.core.api.Assertions.assertThat;

import health.backline.events.Pathway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Each rule of the clinical rule set with a patient it catches and a near miss it must let pass.
 * Every test pins the whole outcome (pathway and every matching rule), so a rule that starts
 * matching too much breaks a neighbour's test too.
 */
class RedFlagRulesTest {

    private static void assertTriage(PatientFacts patient, Pathway pathway, String... rules) {
        TriageDecision decision = triage(patient);
        assertThat(decision.rules()).containsExactly(rules);
        assertThat(decision.pathway()).isEqualTo(pathway);
    }

    @Nested
    @DisplayName("R01 possible cauda equina syndrome")
    class R01 {
        @Test
        void new_bladder_trouble_goes_to_the_emergency_department() {
            assertTriage(patient().reporting(BLADDER_OR_BOWEL_DYSFUNCTION), ER_REFERRAL, "R01");
        }

        @Test
        void saddle_numbness_on_its_own_goes_to_the_emergency_department() {
            assertTriage(patient().reporting(SADDLE_ANESTHESIA), ER_REFERRAL, "R01");
        }

        @Test
        void tingling_down_one_leg_without_bladder_trouble_or_saddle_numbness_is_not_cauda_equina() {
            assertTriage(patient().reporting(LEG_NUMBNESS_OR_TINGLING), PRIMARY_CARE_FOLLOW_UP, "R19");
        }
    }

    @Nested
    @DisplayName("R02 progressive neurological deficit")
    class R02 {
        @Test
        void weakness_that_is_getting_worse_goes_to_the_emergency_department() {
            assertTriage(patient().reporting(PROGRESSIVE_WEAKNESS), ER_REFERRAL, "R02");
        }

        @Test
        void unsteady_walking_without_worsening_weakness_is_imaged_rather_than_sent_to_the_emergency_department() {
            assertTriage(patient().reporting(GAIT_DISTURBANCE), URGENT_IMAGING, "R17");
        }
    }

    @Nested
    @DisplayName("R03 new one-sided numbness")
    class R03 {
        @Test
        void new_numbness_on_one_side_of_the_body_goes_to_the_emergency_department() {
            assertTriage(patient().reporting(SUDDEN_ONE_SIDED_NUMBNESS), ER_REFERRAL, "R03");
        }

        @Test
        void stable_tingling_down_one_leg_is_not_new_one_sided_numbness() {
            assertTriage(patient().reporting(LEG_NUMBNESS_OR_TINGLING), PRIMARY_CARE_FOLLOW_UP, "R19");
        }
    }

    @Nested
    @DisplayName("R04 chest pain")
    class R04 {
        @Test
        void back_spasm_with_chest_pain_goes_to_the_emergency_department() {
            assertTriage(patient().reporting(CHEST_PAIN), ER_REFERRAL, "R04");
        }

        @Test
        void severe_mid_back_pain_without_chest_pain_is_not_an_emergency() {
            assertTriage(patient().withPainScore(8), PRIMARY_CARE_FOLLOW_UP, "R25");
        }
    }

    @Nested
    @DisplayName("R05 unable to move")
    class R05 {
        @Test
        void a_patient_who_cannot_move_for_pain_goes_to_the_emergency_department() {
            assertTriage(patient().reporting(UNABLE_TO_MOVE), ER_REFERRAL, "R05");
        }

        @Test
        void the_worst_pain_imaginable_in_a_patient_who_can_still_move_is_not_an_emergency() {
            assertTriage(patient().withPainScore(10), PRIMARY_CARE_FOLLOW_UP, "R25");
        }
    }

    @Nested
    @DisplayName("R06 high-energy injury")
    class R06 {
        @Test
        void spasm_after_a_road_accident_at_speed_goes_to_the_emergency_department() {
            assertTriage(patient().reporting(HIGH_ENERGY_TRAUMA), ER_REFERRAL, "R06");
        }

        @Test
        void spasm_after_a_minor_slip_at_forty_is_not_a_high_energy_injury() {
            assertTriage(patient().aged(40).reporting(MINOR_TRAUMA), PRIMARY_CARE_FOLLOW_UP, "R25");
        }
    }

    @Nested
    @DisplayName("R07 possible meningitis")
    class R07 {
        @Test
        void fever_with_neck_stiffness_goes_to_the_emergency_department() {
            assertTriage(patient().reporting(FEVER, NECK_STIFFNESS), ER_REFERRAL, "R07", "R12");
        }

        @Test
        void fever_with_severe_headache_goes_to_the_emergency_department() {
            assertTriage(patient().reporting(FEVER, SEVERE_HEADACHE), ER_REFERRAL, "R07", "R12");
        }

        @Test
        void fever_with_a_bruise_like_rash_goes_to_the_emergency_department() {
            assertTriage(patient().reporting(FEVER, BRUISE_LIKE_RASH), ER_REFERRAL, "R07", "R08", "R12");
        }

        @Test
        void stiff_neck_and_headache_without_fever_are_not_signs_of_meningitis() {
            assertTriage(patient().reporting(NECK_STIFFNESS, SEVERE_HEADACHE), PRIMARY_CARE_FOLLOW_UP, "R25");
        }
    }

    @Nested
    @DisplayName("R08 bruise-like rash")
    class R08 {
        @Test
        void a_bruise_like_rash_without_fever_still_goes_to_the_emergency_department() {
            assertTriage(patient().reporting(BRUISE_LIKE_RASH), ER_REFERRAL, "R08");
        }

        @Test
        void fever_without_a_rash_or_meningitis_signs_is_imaged_urgently_instead() {
            assertTriage(patient().reporting(FEVER), URGENT_IMAGING, "R12");
        }
    }

    @Nested
    @DisplayName("R09 fever with risk of spinal infection")
    class R09 {
        @Test
        void fever_in_a_patient_who_injects_drugs_goes_to_the_emergency_department() {
            assertTriage(patient().reporting(FEVER, IV_DRUG_USE), ER_REFERRAL, "R09", "R12");
        }

        @Test
        void fever_in_a_patient_on_long_term_steroids_goes_to_the_emergency_department() {
            assertTriage(patient().reporting(FEVER, LONG_TERM_STEROID_USE), ER_REFERRAL, "R09", "R12");
        }

        @Test
        void injecting_drugs_without_fever_is_imaged_urgently_not_sent_to_the_emergency_department() {
            assertTriage(patient().reporting(IV_DRUG_USE), URGENT_IMAGING, "R12");
        }
    }

    @Nested
    @DisplayName("R10 suspected spinal cord compression")
    class R10 {
        @Test
        void cancer_history_with_leg_tingling_goes_to_the_emergency_department() {
            assertTriage(patient().reporting(CANCER_HISTORY, LEG_NUMBNESS_OR_TINGLING),
                    ER_REFERRAL, "R10", "R11", "R19");
        }

        @Test
        void cancer_history_with_unsteady_walking_goes_to_the_emergency_department() {
            assertTriage(patient().reporting(CANCER_HISTORY, GAIT_DISTURBANCE), ER_REFERRAL, "R10", "R11", "R17");
        }

        @Test
        void cancer_history_with_night_pain_but_no_neurological_symptom_is_imaged_urgently() {
            assertTriage(patient().reporting(CANCER_HISTORY, NIGHT_PAIN), URGENT_IMAGING, "R11", "R18");
        }
    }

    @Nested
    @DisplayName("R11 possible spinal metastasis")
    class R11 {
        @Test
        void new_back_pain_after_cancer_is_imaged_urgently() {
            assertTriage(patient().reporting(CANCER_HISTORY), URGENT_IMAGING, "R11");
        }

        @Test
        void immunosuppression_without_a_cancer_history_is_imaged_for_infection_not_metastasis() {
            assertTriage(patient().reporting(IMMUNOSUPPRESSION), URGENT_IMAGING, "R12");
        }
    }

    @Nested
    @DisplayName("R12 risk of spinal infection")
    class R12 {
        @Test
        void fever_on_its_own_is_imaged_urgently() {
            assertTriage(patient().reporting(FEVER), URGENT_IMAGING, "R12");
        }

        @Test
        void a_patient_who_injects_drugs_is_imaged_urgently() {
            assertTriage(patient().reporting(IV_DRUG_USE), URGENT_IMAGING, "R12");
        }

        @Test
        void a_weakened_immune_system_is_imaged_urgently() {
            assertTriage(patient().reporting(IMMUNOSUPPRESSION), URGENT_IMAGING, "R12");
        }

        @Test
        void long_term_steroids_without_fever_or_injury_are_not_an_infection_risk_here() {
            assertTriage(patient().reporting(LONG_TERM_STEROID_USE), PRIMARY_CARE_FOLLOW_UP, "R25");
        }
    }

    @Nested
    @DisplayName("R13 possible fragility fracture")
    class R13 {
        @Test
        void a_minor_fall_with_osteoporosis_is_imaged_urgently() {
            assertTriage(patient().reporting(MINOR_TRAUMA, OSTEOPOROSIS), URGENT_IMAGING, "R13", "R14");
        }

        @Test
        void lifting_injury_on_long_term_steroids_is_imaged_urgently() {
            assertTriage(patient().reporting(MINOR_TRAUMA, LONG_TERM_STEROID_USE), URGENT_IMAGING, "R13");
        }

        @Test
        void a_minor_slip_with_ankylosing_spondylitis_is_imaged_urgently() {
            assertTriage(patient().reporting(MINOR_TRAUMA, ANKYLOSING_SPONDYLITIS), URGENT_IMAGING, "R13", "R14");
        }

        @Test
        void a_minor_slip_at_seventy_is_imaged_urgently() {
            assertTriage(patient().aged(70).reporting(MINOR_TRAUMA), URGENT_IMAGING, "R13");
        }

        @Test
        void a_minor_slip_at_sixty_nine_without_bone_risk_is_not_a_fragility_fracture() {
            assertTriage(patient().aged(69).reporting(MINOR_TRAUMA), PRIMARY_CARE_FOLLOW_UP, "R25");
        }

        @Test
        void long_term_steroids_at_seventy_five_without_an_injury_are_not_a_fragility_fracture() {
            assertTriage(patient().aged(75).reporting(LONG_TERM_STEROID_USE), PRIMARY_CARE_FOLLOW_UP, "R25");
        }
    }

    @Nested
    @DisplayName("R14 osteoporosis or ankylosing spondylitis")
    class R14 {
        @Test
        void back_pain_with_osteoporosis_is_imaged_urgently_even_without_an_injury() {
            assertTriage(patient().reporting(OSTEOPOROSIS), URGENT_IMAGING, "R14");
        }

        @Test
        void back_pain_with_ankylosing_spondylitis_is_imaged_urgently() {
            assertTriage(patient().reporting(ANKYLOSING_SPONDYLITIS), URGENT_IMAGING, "R14");
        }

        @Test
        void old_age_alone_without_thin_bones_or_an_injury_is_not_imaged() {
            assertTriage(patient().aged(85), PRIMARY_CARE_FOLLOW_UP, "R25");
        }
    }

    @Nested
    @DisplayName("R15 weight loss: exclude malignancy")
    class R15 {
        @Test
        void weight_loss_at_fifty_is_imaged_urgently() {
            assertTriage(patient().aged(50).reporting(UNEXPLAINED_WEIGHT_LOSS), URGENT_IMAGING, "R15", "R18");
        }

        @Test
        void weight_loss_with_night_pain_at_thirty_is_imaged_urgently() {
            assertTriage(patient().aged(30).reporting(UNEXPLAINED_WEIGHT_LOSS, NIGHT_PAIN),
                    URGENT_IMAGING, "R15", "R18");
        }

        @Test
        void weight_loss_at_forty_nine_without_night_pain_sees_a_clinician_instead() {
            assertTriage(patient().aged(49).reporting(UNEXPLAINED_WEIGHT_LOSS), PRIMARY_CARE_FOLLOW_UP, "R18");
        }
    }

    @Nested
    @DisplayName("R16 no improvement after 6 weeks of conservative care")
    class R16 {
        @Test
        void six_weeks_of_treatment_without_improvement_gets_an_mri() {
            assertTriage(patient().afterConservativeCare(6, false), URGENT_IMAGING, "R16");
        }

        @Test
        void six_weeks_of_treatment_with_progress_not_recorded_errs_toward_an_mri() {
            assertTriage(patient().afterConservativeCare(6, null), URGENT_IMAGING, "R16");
        }

        @Test
        void five_weeks_of_treatment_without_improvement_is_too_early_for_an_mri() {
            assertTriage(patient().afterConservativeCare(5, false), PRIMARY_CARE_FOLLOW_UP, "R25");
        }

        @Test
        void eight_weeks_of_treatment_with_improvement_needs_no_mri() {
            assertTriage(patient().afterConservativeCare(8, true), PRIMARY_CARE_FOLLOW_UP, "R25");
        }
    }

    @Nested
    @DisplayName("R17 possible myelopathy")
    class R17 {
        @Test
        void unsteady_clumsy_walking_is_imaged_urgently() {
            assertTriage(patient().reporting(GAIT_DISTURBANCE), URGENT_IMAGING, "R17");
        }

        @Test
        void leg_tingling_with_steady_walking_is_examined_by_a_clinician_not_imaged() {
            assertTriage(patient().reporting(LEG_NUMBNESS_OR_TINGLING), PRIMARY_CARE_FOLLOW_UP, "R19");
        }
    }

    @Nested
    @DisplayName("R18 weight loss or night pain on its own")
    class R18 {
        @Test
        void night_pain_on_its_own_sees_a_clinician() {
            assertTriage(patient().reporting(NIGHT_PAIN), PRIMARY_CARE_FOLLOW_UP, "R18");
        }

        @Test
        void weight_loss_at_forty_five_sees_a_clinician() {
            assertTriage(patient().aged(45).reporting(UNEXPLAINED_WEIGHT_LOSS), PRIMARY_CARE_FOLLOW_UP, "R18");
        }

        @Test
        void stress_and_poor_posture_are_no_reason_for_a_clinician_review() {
            assertTriage(patient().reporting(STRESS_OR_ANXIETY, PROLONGED_SITTING_OR_POOR_POSTURE),
                    PRIMARY_CARE_FOLLOW_UP, "R25");
        }
    }

    @Nested
    @DisplayName("R19 stable leg numbness or tingling")
    class R19 {
        @Test
        void stable_tingling_down_one_leg_gets_a_neurological_examination() {
            assertTriage(patient().reporting(LEG_NUMBNESS_OR_TINGLING), PRIMARY_CARE_FOLLOW_UP, "R19");
        }

        @Test
        void new_numbness_on_one_side_of_the_body_is_an_emergency_not_a_stable_symptom() {
            assertTriage(patient().reporting(SUDDEN_ONE_SIDED_NUMBNESS), ER_REFERRAL, "R03");
        }
    }

    @Nested
    @DisplayName("R20 STarT Back high risk")
    class R20 {
        @Test
        void high_start_back_risk_gets_psychologically_informed_physiotherapy() {
            assertTriage(patient().withStartBack(5, 4), PHYSICAL_THERAPY, "R20");
        }

        @Test
        void psychosocial_score_of_four_at_the_lowest_total_is_already_high_risk() {
            assertTriage(patient().withStartBack(4, 4), PHYSICAL_THERAPY, "R20");
        }

        @Test
        void psychosocial_score_of_three_is_medium_risk_not_high() {
            assertTriage(patient().withStartBack(7, 3), PHYSICAL_THERAPY, "R21");
        }
    }

    @Nested
    @DisplayName("R21 STarT Back medium risk")
    class R21 {
        @Test
        void medium_start_back_risk_gets_an_exercise_programme() {
            assertTriage(patient().withStartBack(4, 3), PHYSICAL_THERAPY, "R21");
        }

        @Test
        void a_start_back_total_of_three_is_low_risk_and_gets_self_care() {
            assertTriage(patient().withStartBack(3, 3), PRIMARY_CARE_FOLLOW_UP, "R25");
        }

        @Test
        void a_patient_who_skipped_start_back_matches_neither_start_back_rule() {
            assertTriage(patient().withSymptomsFor(90), PHYSICAL_THERAPY, "R22");
        }
    }

    @Nested
    @DisplayName("R22 chronic pain")
    class R22 {
        @Test
        void twelve_weeks_of_pain_goes_to_physiotherapy() {
            assertTriage(patient().withSymptomsFor(84), PHYSICAL_THERAPY, "R22");
        }

        @Test
        void eighty_three_days_of_pain_is_not_yet_chronic() {
            assertTriage(patient().withSymptomsFor(83), PRIMARY_CARE_FOLLOW_UP, "R25");
        }
    }

    @Nested
    @DisplayName("R23 recurrent spasms")
    class R23 {
        @Test
        void a_spasm_like_those_before_goes_to_physiotherapy() {
            assertTriage(patient().reporting(RECURRENT_EPISODES), PHYSICAL_THERAPY, "R23");
        }

        @Test
        void a_first_spasm_is_not_a_recurrence() {
            assertTriage(patient(), PRIMARY_CARE_FOLLOW_UP, "R25");
        }
    }

    @Nested
    @DisplayName("R24 severe overuse injury")
    class R24 {
        @Test
        void heavy_lifting_with_pain_of_seven_goes_to_physiotherapy() {
            assertTriage(patient().reporting(OVERUSE_OR_HEAVY_LIFTING).withPainScore(7), PHYSICAL_THERAPY, "R24");
        }

        @Test
        void heavy_lifting_with_pain_of_six_gets_self_care() {
            assertTriage(patient().reporting(OVERUSE_OR_HEAVY_LIFTING).withPainScore(6),
                    PRIMARY_CARE_FOLLOW_UP, "R25");
        }
    }

    @Nested
    @DisplayName("R25 no red flags")
    class R25 {
        @Test
        void a_spasm_with_nothing_else_reported_gets_self_care_advice() {
            assertTriage(patient(), PRIMARY_CARE_FOLLOW_UP, "R25");
        }

        @Test
        void findings_no_rule_reads_still_get_self_care_advice() {
            assertTriage(patient().reporting(PROLONGED_SITTING_OR_POOR_POSTURE, STRESS_OR_ANXIETY, DEHYDRATION),
                    PRIMARY_CARE_FOLLOW_UP, "R25");
        }

        @Test
        void recurrent_spasms_replace_self_care_advice_with_physiotherapy() {
            assertThat(triage(patient().reporting(RECURRENT_EPISODES)).rules()).doesNotContain("R25");
        }
    }
}
