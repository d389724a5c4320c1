package health.backline.workflow.tasks;

/** How the patient is four weeks after the first visit; the BPMN's gateway after the reassessment reads it. */
public enum ReassessmentOutcome implements AnswerOption {
    IMPROVING("Improving"),
    NOT_IMPROVING("Not improving");

    private final String label;

    ReassessmentOutcome(String label) {
        this.label = label;
    }

    /** The outcome the pain scores give (PainImprovement). */
    public static ReassessmentOutcome of(boolean improving) {
        return improving ? IMPROVING : NOT_IMPROVING;
    }

    @Override
    public String label() {
        return label;
    }
}
