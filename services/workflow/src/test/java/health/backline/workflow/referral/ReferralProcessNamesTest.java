package health.backline.workflow.referral;

import static org.assertj.core.api.Assertions.assertThat;

import health.backline.workflow.referral.ReferralProcess.Elements;
import health.backline.workflow.referral.ReferralProcess.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.Test;

/** The code names the process's ids and messages once, in {@link ReferralProcess}; the file must say the same. */
class ReferralProcessNamesTest {

    private static final BpmnModelInstance PROCESS = referralProcess();

    @Test
    void every_flow_node_of_the_process_is_named_once_in_elements_and_nothing_else_is() {
        List<String> inTheFile = PROCESS.getModelElementsByType(FlowNode.class).stream().map(BaseElement::getId).toList();

        assertThat(constantsOf(Elements.class)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(inTheFile);
    }

    @Test
    void the_messages_the_process_waits_for_are_the_ones_the_code_correlates() {
        List<String> inTheFile = PROCESS.getModelElementsByType(Message.class).stream().map(Message::getName).toList();

        assertThat(constantsOf(Messages.class)).containsExactlyInAnyOrderElementsOf(inTheFile);
    }

    @Test
    void the_process_key_is_the_files_process_id() {
        assertThat(PROCESS.getModelElementsByType(Process.class)).extracting(BaseElement::getId)
                .containsExactly(ReferralProcess.KEY);
    }

    private static List<String> constantsOf(Class<?> names) {
        return Arrays.stream(names.getFields()).filter(field -> Modifier.isStatic(field.getModifiers()))
                .map(ReferralProcessNamesTest::valueOf).toList();
    }

    private static String valueOf(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BpmnModelInstance referralProcess() {
        try (InputStream bpmn = ReferralProcessNamesTest.class.getResourceAsStream("/processes/referral/referral.bpmn")) {
            return Bpmn.readModelFromStream(bpmn);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
