package health.backline.workflow.tasks;

/**
 * What a clinician decides when new findings suggest a pathway that is not more urgent; the BPMN's gateway after
 * the review reads it. Either way the clinician says why.
 */
enum TriageChangeDecision implements AnswerOption {
    ACCEPT("Accept the new, less urgent pathway"),
    KEEP_CURRENT("Keep the current pathway");

    private final String label;

    TriageChangeDecision(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
