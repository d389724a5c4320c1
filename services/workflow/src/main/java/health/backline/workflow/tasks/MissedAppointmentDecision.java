package health.backline.workflow.tasks;

/**
 * What a clinician decides after a patient missed a second appointment; the BPMN's gateway after the follow-up
 * reads it. Returning is the same decision as after an imaging review, with the same words.
 */
enum MissedAppointmentDecision implements AnswerOption {
    REBOOK("Book another appointment"),
    RETURN_TO_REFERRER(ReviewDecision.RETURN_TO_REFERRER.label());

    private final String label;

    MissedAppointmentDecision(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
