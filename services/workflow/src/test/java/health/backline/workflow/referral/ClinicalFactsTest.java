package health.backline.workflow.referral;

import static org.assertj.core.api.Assertions.assertThat;

import health.backline.events.intake.Finding;
import health.backline.workflow.referral.ClinicalFacts.MatchedRule;
import java.util.List;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.Test;

class ClinicalFactsTest {

    @Test
    void findings_are_a_json_list_of_codes_and_read_back_from_the_engines_json_node() {
        var variable = ClinicalFacts.findings(List.of(Finding.CANCER_HISTORY, Finding.FEVER));

        assertThat(variable.getType().getName()).isEqualTo("json");
        assertThat(variable.getValueSerialized()).isEqualTo("[\"CANCER_HISTORY\",\"FEVER\"]");
        assertThat(ClinicalFacts.findingsOf(Spin.JSON(variable.getValueSerialized())))
                .containsExactly(Finding.CANCER_HISTORY, Finding.FEVER);
    }

    @Test
    void each_matched_rule_keeps_its_own_reason_even_with_commas_and_line_breaks_in_it() {
        var variable = ClinicalFacts.matchedRules(List.of("R01", "R11"),
                List.of("Saddle numbness, new", "History of cancer\nwith night pain"));

        assertThat(ClinicalFacts.matchedRulesOf(Spin.JSON(variable.getValueSerialized()))).containsExactly(
                new MatchedRule("R01", "Saddle numbness, new"), new MatchedRule("R11", "History of cancer\nwith night pain"));
    }

    @Test
    void nothing_set_reads_as_no_facts() {
        assertThat(ClinicalFacts.findingsOf(null)).isEmpty();
        assertThat(ClinicalFacts.matchedRulesOf(null)).isEmpty();
        assertThat(ClinicalFacts.findingsOf(Spin.JSON(ClinicalFacts.findings(List.of()).getValueSerialized()))).isEmpty();
    }

    @Test
    void instances_started_before_the_json_variables_still_read() {
        assertThat(ClinicalFacts.findingsOf("CANCER_HISTORY,FEVER")).containsExactly(Finding.CANCER_HISTORY, Finding.FEVER);
        assertThat(ClinicalFacts.findingsOf("")).isEmpty();
        assertThat(ClinicalFacts.matchedRulesOf("R01, R11"))
                .containsExactly(new MatchedRule("R01", null), new MatchedRule("R11", null));
    }
}
