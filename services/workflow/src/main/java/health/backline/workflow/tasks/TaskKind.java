package health.backline.workflow.tasks;

import health.backline.starter.web.FieldProblem;
import health.backline.workflow.referral.ReferralProcess.Elements;
import health.backline.workflow.referral.ReferralProcess.Variables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every kind of human task in the referral process, by BPMN element id: the queue it sits in and the answers it
 * asks for (contract: Tasks), in the order the forms show them.
 */
enum TaskKind {
    REVIEW_IMAGING_REFERRAL(Elements.REVIEW_IMAGING_REFERRAL, TaskQueue.CLINICIAN, AnswerField.DECISION, AnswerField.REASON),
    FOLLOW_UP_MISSED_APPOINTMENT(Elements.FOLLOW_UP_MISSED_APPOINTMENT, TaskQueue.CLINICIAN,
            AnswerField.MISSED_APPOINTMENT_DECISION, AnswerField.REASON_TO_RETURN),
    REVIEW_TRIAGE_CHANGE(Elements.REVIEW_TRIAGE_CHANGE, TaskQueue.CLINICIAN, AnswerField.TRIAGE_CHANGE_DECISION,
            AnswerField.REQUIRED_REASON),
    CALL_PATIENT_TO_EMERGENCY(Elements.CALL_PATIENT_TO_EMERGENCY, TaskQueue.CLINICIAN, AnswerField.REACHED, AnswerField.NOTE),
    REASSESS_PROGRESS(Elements.REASSESS_PROGRESS, TaskQueue.CLINICIAN, AnswerField.OUTCOME, AnswerField.PAIN_SCORE,
            AnswerField.START_BACK, AnswerField.NOTE),
    BOOK_MANUALLY(Elements.BOOK_MANUALLY, TaskQueue.SCHEDULER, AnswerField.SLOT_ID),
    RESOLVE_OVERDUE_TASK(Elements.RESOLVE_OVERDUE_TASK, TaskQueue.CLINICAL_LEAD, AnswerField.NOTE);

    private final String key;
    private final TaskQueue queue;
    private final List<AnswerField> fields;

    TaskKind(String key, TaskQueue queue, AnswerField... fields) {
        this.key = key;
        this.queue = queue;
        this.fields = List.of(fields);
    }

    String key() {
        return key;
    }

    TaskQueue queue() {
        return queue;
    }

    /** The answers, in form order. */
    List<AnswerField> fields() {
        return fields;
    }

    /** The variables an answer may write, each local to the task: nothing else. */
    Set<String> answerVariables() {
        Set<String> variables = new LinkedHashSet<>();
        fields.forEach(field -> variables.add(field.variable()));
        return variables;
    }

    /**
     * What is wrong with an answer (its fields by name), or nothing. {@code intakePainScore} is the referral's
     * baseline (null if unknown): a reassessment whose outcome differs from the one its pain scores give needs a note.
     */
    List<FieldProblem> problemsWith(Map<String, Object> answer, Object intakePainScore) {
        List<FieldProblem> problems = new ArrayList<>();
        for (AnswerField field : fields) {
            field.problemWith(answer.get(field.variable())).ifPresent(problems::add);
        }
        if (this == REVIEW_IMAGING_REFERRAL && !ReviewDecision.CONFIRM.name().equals(answer.get(AnswerField.DECISION.variable()))
                && !(answer.get(AnswerField.REASON.variable()) instanceof String reason && !reason.isBlank())) {
            problems.add(new FieldProblem("/" + AnswerField.REASON.variable(), "is required unless the decision is CONFIRM"));
        }
        if (this == FOLLOW_UP_MISSED_APPOINTMENT && returns(answer)
                && !(answer.get(AnswerField.REASON_TO_RETURN.variable()) instanceof String reason && !reason.isBlank())) {
            problems.add(new FieldProblem("/" + AnswerField.REASON_TO_RETURN.variable(),
                    "is required to return the referral to its referrer"));
        }
        if (this == REASSESS_PROGRESS && problems.isEmpty()) {
            outcomeAgainstPain(answer, intakePainScore).ifPresent(problems::add);
        }
        return problems;
    }

    /**
     * What a completed answer leaves on the process besides the answers the flow reads: a review or a follow-up that
     * returns the referral to its referrer keeps its reason there, for the RETURNED status and the freed booking.
     */
    Map<String, Object> keptOnTheProcess(Map<String, Object> answer) {
        return returns(answer) ? Map.of(Variables.RETURN_REASON, answer.get(Variables.REASON)) : Map.of();
    }

    /** Whether the answer returns the referral to its referrer: after an imaging review or a second missed visit. */
    private boolean returns(Map<String, Object> answer) {
        return (this == REVIEW_IMAGING_REFERRAL || this == FOLLOW_UP_MISSED_APPOINTMENT)
                && ReviewDecision.RETURN_TO_REFERRER.name().equals(answer.get(Variables.DECISION));
    }

    /** The clinician may judge otherwise than the 30 % rule, but says why (docs/clinical/outcomes.md). */
    private static Optional<FieldProblem> outcomeAgainstPain(Map<String, Object> answer, Object intakePainScore) {
        Integer baseline = PainImprovement.score(intakePainScore).orElse(null);
        Integer now = PainImprovement.score(answer.get(AnswerField.PAIN_SCORE.variable())).orElse(null);
        Optional<ReassessmentOutcome> computed = PainImprovement.outcome(baseline, now);
        boolean noted = answer.get(AnswerField.NOTE.variable()) instanceof String note && !note.isBlank();
        if (computed.isEmpty() || computed.get().name().equals(answer.get(AnswerField.OUTCOME.variable())) || noted) {
            return Optional.empty();
        }
        return Optional.of(new FieldProblem("/" + AnswerField.NOTE.variable(), "is required: the pain scores ("
                + baseline + " at intake, " + now + " now) say " + computed.get().label() + "; say why the outcome differs"));
    }

    static Optional<TaskKind> ofKey(String key) {
        return Arrays.stream(values()).filter(kind -> kind.key.equals(key)).findFirst();
    }
}
