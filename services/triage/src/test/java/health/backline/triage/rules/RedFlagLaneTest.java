package health.backline.triage.rules;

import static health.backline.triage.rules.PatientFacts.patient;
import static health.backline.triage.rules.Triage.triage;
import static org.assertj.core.api.Assertions.assertThat;

import health.backline.events.intake.Finding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Before triage has spoken, intake's red-flag findings choose the urgent lane ({@link Finding#isRedFlag()}).
 * The triage table is the truth: a finding is a red flag exactly when, on its own, the table sends the
 * patient to the emergency department or to urgent imaging.
 */
class RedFlagLaneTest {

    @ParameterizedTest
    @EnumSource(Finding.class)
    void a_finding_is_a_red_flag_exactly_when_on_its_own_it_makes_the_referral_urgent(Finding finding) {
        boolean urgentOnItsOwn = triage(patient().reporting(finding)).pathway().isUrgent();
        assertThat(finding.isRedFlag()).as(finding.name()).isEqualTo(urgentOnItsOwn);
    }
}
