package health.backline.triage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.stream.IntStream;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The decision table as a document: one row per clinical rule, in order, saying what the rule set says. */
class RedFlagTableTest {

    private static Decision decision;
    private static DecisionTable table;

    @BeforeAll
    static void readTable() throws Exception {
        try (InputStream dmn = RedFlagTableTest.class.getClassLoader().getResourceAsStream(RedFlagRules.DMN_RESOURCE)) {
            DmnModelInstance model = Dmn.readModelFromStream(dmn);
            decision = model.getModelElementById(RedFlagRules.DECISION_ID);
            table = (DecisionTable) decision.getExpression();
        }
    }

    @Test
    void the_table_returns_every_matching_rule_in_row_order() {
        assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.RULE_ORDER);
        assertThat(decision.getCamundaHistoryTimeToLiveString()).isEqualTo("P180D");
    }

    @Test
    void the_table_has_one_row_per_rule_from_R01_to_R25_in_order() {
        List<String> expected = IntStream.rangeClosed(1, 25).mapToObj(n -> "R%02d".formatted(n)).toList();

        assertThat(table.getRules()).extracting(Rule::getId).containsExactlyElementsOf(expected);
        assertThat(table.getRules()).extracting(rule -> output(rule, 0)).containsExactlyElementsOf(expected);
    }

    @Test
    void the_no_red_flags_row_is_last_and_matches_every_intake() {
        Rule last = List.copyOf(table.getRules()).get(table.getRules().size() - 1);

        assertThat(last.getId()).isEqualTo(RedFlagRules.NO_RED_FLAGS_RULE);
        assertThat(last.getInputEntries()).extracting(entry -> entry.getText().getTextContent().strip()).containsOnly("-");
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            R01 | ER_REFERRAL            | Possible cauda equina syndrome: emergency MRI within hours
            R02 | ER_REFERRAL            | Progressive neurological deficit: possible cord or nerve-root compression
            R03 | ER_REFERRAL            | New numbness or tingling on one side of the body
            R04 | ER_REFERRAL            | Chest pain with back pain: exclude heart attack, aortic dissection, pulmonary embolism
            R05 | ER_REFERRAL            | Unable to move because of pain
            R06 | ER_REFERRAL            | Spasm after a high-energy injury (road accident, fall from height): possible unstable fracture
            R07 | ER_REFERRAL            | Fever with neck stiffness, headache or rash: possible meningitis
            R08 | ER_REFERRAL            | Bruise-like rash with spinal pain: possible serious infection
            R09 | ER_REFERRAL            | Fever in a patient at risk of spinal infection (abscess, discitis)
            R10 | ER_REFERRAL            | History of cancer with neurological symptoms: suspected spinal cord compression
            R11 | URGENT_IMAGING         | History of cancer with new spinal pain: possible spinal metastasis
            R12 | URGENT_IMAGING         | Risk of spinal infection: imaging and same-day clinician review
            R13 | URGENT_IMAGING         | Minor injury with fracture risk: possible fragility fracture
            R14 | URGENT_IMAGING         | Osteoporosis or ankylosing spondylitis: possible compression fracture or fusion injury
            R15 | URGENT_IMAGING         | Weight loss with age over 50 or night pain: exclude malignancy
            R16 | URGENT_IMAGING         | No improvement after 6 weeks of conservative treatment: MRI
            R17 | URGENT_IMAGING         | Unsteady or clumsy walking: possible myelopathy, clinician review and imaging
            R18 | PRIMARY_CARE_FOLLOW_UP | Weight loss or night pain on its own: clinician review and reassessment
            R19 | PRIMARY_CARE_FOLLOW_UP | Stable leg numbness or tingling: clinician neurological examination
            R20 | PHYSICAL_THERAPY       | STarT Back high risk: psychologically informed physiotherapy
            R21 | PHYSICAL_THERAPY       | STarT Back medium risk: physiotherapy exercise programme
            R22 | PHYSICAL_THERAPY       | Chronic pain (12 weeks or more): exercise and rehabilitation first
            R23 | PHYSICAL_THERAPY       | Recurrent spasms: exercise and core strengthening to prevent recurrence
            R24 | PHYSICAL_THERAPY       | Severe overuse injury: physiotherapy to rehabilitate the strained muscles
            R25 | PRIMARY_CARE_FOLLOW_UP | No red flags: self-care (heat or ice, anti-inflammatories, stay active), review if no better within 4 to 6 weeks
            """)
    void each_row_gives_the_pathway_and_reason_of_the_clinical_rule_set(String ruleId, String pathway, String reason) {
        Rule row = decision.getModelInstance().getModelElementById(ruleId);

        assertThat(output(row, 1)).isEqualTo(pathway);
        assertThat(output(row, 2)).isEqualTo(reason);
    }

    /** An output cell's text without the FEEL string quotes. */
    private static String output(Rule rule, int column) {
        String text = List.copyOf(rule.getOutputEntries()).get(column).getText().getTextContent().strip();
        return text.substring(1, text.length() - 1);
    }
}
