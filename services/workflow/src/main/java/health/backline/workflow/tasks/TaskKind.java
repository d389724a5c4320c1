package health.backline.workflow.tasks;

import health.backline.workflow.referral.ReferralProcess.Elements;
import java.util.Arrays;
import java.util.Optional;

/** Every kind of human task in the referral process, by BPMN element id, and the queue it sits in. */
enum TaskKind {
    REVIEW_IMAGING_REFERRAL(Elements.REVIEW_IMAGING_REFERRAL, TaskQueue.CLINICIAN),
    CALL_PATIENT_TO_EMERGENCY(Elements.CALL_PATIENT_TO_EMERGENCY, TaskQueue.CLINICIAN),
    REASSESS_PROGRESS(Elements.REASSESS_PROGRESS, TaskQueue.CLINICIAN),
    BOOK_MANUALLY(Elements.BOOK_MANUALLY, TaskQueue.SCHEDULER),
    RESOLVE_OVERDUE_TASK(Elements.RESOLVE_OVERDUE_TASK, TaskQueue.CLINICAL_LEAD);

    private final String key;
    private final TaskQueue queue;

    TaskKind(String key, TaskQueue queue) {
        this.key = key;
        this.queue = queue;
    }

    String key() {
        return key;
    }

    TaskQueue queue() {
        return queue;
    }

    static Optional<TaskKind> ofKey(String key) {
        return Arrays.stream(values()).filter(kind -> kind.key.equals(key)).findFirst();
    }
}
