package health.backline.workflow.tasks;

/** How the patient is four weeks after the first visit; the BPMN's gateway after the reassessment reads it. */
enum ReassessmentOutcome implements AnswerOption {
    IMPROVING("Improving"),
    NOT_IMPROVING("Not improving");

    private final String label;

    ReassessmentOutcome(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
