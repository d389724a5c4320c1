package health.backline.workflow.outcomes;

import health.backline.events.payload.StartBackScore;
import java.time.Instant;
import java.util.List;

/** One completed reassessment as recorded: what the clinician decided and what was measured. */
record Reassessment(String taskId, String referralId, String pathway, Instant at, String clinician, String outcome,
                    String computedOutcome, String note, Integer intakePainScore, Integer painScore,
                    Integer painChange, List<Boolean> startBackAnswers, StartBackScore startBack) {
}
