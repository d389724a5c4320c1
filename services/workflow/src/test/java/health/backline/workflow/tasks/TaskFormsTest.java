package health.backline.workflow.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormData;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormField;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tasklist builds its forms from the BPMN's {@code camunda:formData}; the API and the pages from {@link TaskKind}
 * and {@link AnswerField}. The BPMN must say the same: the same fields in the same order, labels and choices, but
 * for the fields Tasklist's flat forms cannot hold ({@link AnswerField#inTasklist}: the nine STarT Back answers).
 */
class TaskFormsTest {

    private static final BpmnModelInstance PROCESS = referralProcess();

    @ParameterizedTest
    @EnumSource(TaskKind.class)
    void tasklists_form_has_exactly_the_fields_labels_and_choices_of_its_kind_of_task(TaskKind kind) {
        UserTask task = PROCESS.getModelElementById(kind.key());
        assertThat(task).as("user task %s in referral.bpmn", kind.key()).isNotNull();
        List<CamundaFormField> declared = List.copyOf(task.getExtensionElements()
                .getElementsQuery().filterByType(CamundaFormData.class).singleResult().getCamundaFormFields());

        assertThat(declared).extracting(CamundaFormField::getCamundaId)
                .containsExactlyElementsOf(inTasklist(kind).stream().map(AnswerField::variable).toList());
        for (int i = 0; i < declared.size(); i++) {
            CamundaFormField field = declared.get(i);
            AnswerField answer = inTasklist(kind).get(i);
            assertThat(field.getCamundaLabel()).as(answer.variable()).isEqualTo(answer.formLabel());
            assertThat(choicesOf(field)).as(answer.variable()).containsExactlyEntriesOf(answer.options());
            assertThat(field.getCamundaType()).as(answer.variable())
                    .isEqualTo(!answer.options().isEmpty() ? "enum" : answer == AnswerField.REACHED ? "boolean"
                            : answer == AnswerField.PAIN_SCORE ? "long" : "string");
        }
    }

    @Test
    void only_the_start_back_answers_are_left_out_of_tasklist() {
        assertThat(Arrays.stream(AnswerField.values()).filter(field -> !field.inTasklist()))
                .containsExactly(AnswerField.START_BACK);
    }

    private static List<AnswerField> inTasklist(TaskKind kind) {
        return kind.fields().stream().filter(AnswerField::inTasklist).toList();
    }

    private static Map<String, String> choicesOf(CamundaFormField field) {
        Map<String, String> choices = new LinkedHashMap<>();
        for (CamundaValue value : field.getCamundaValues()) {
            choices.put(value.getCamundaId(), value.getCamundaName());
        }
        return choices;
    }

    private static BpmnModelInstance referralProcess() {
        try (InputStream bpmn = TaskFormsTest.class.getResourceAsStream("/processes/referral/referral.bpmn")) {
            return Bpmn.readModelFromStream(bpmn);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
