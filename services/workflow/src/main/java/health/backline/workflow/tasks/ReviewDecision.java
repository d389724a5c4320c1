package health.backline.workflow.tasks;

/** What a clinician decides on reviewing an imaging referral; the BPMN's gateway after the review reads it. */
enum ReviewDecision implements AnswerOption {
    CONFIRM("Confirm urgent imaging (within 48 h)"),
    ESCALATE_TO_ER("Escalate: emergency department now"),
    STEP_DOWN_TO_PHYSICAL_THERAPY("Step down to physical therapy"),
    STEP_DOWN_TO_PRIMARY_CARE("Step down to primary-care follow-up"),
    /** e-RS's "return to referrer with advice": the referral ends RETURNED, its reason shown to the referrer. */
    RETURN_TO_REFERRER("Return to the referrer with advice");

    private final String label;

    ReviewDecision(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
