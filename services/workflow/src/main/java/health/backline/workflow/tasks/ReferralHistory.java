package health.backline.workflow.tasks;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.springframework.stereotype.Component;

/**
 * What has happened to a referral so far, from Camunda's history: its start, every status milestone
 * (the message throw events that publish {@code referrals.status}) and every human task.
 */
@Component
class ReferralHistory {

    private static final Set<String> SHOWN = Set.of(ActivityTypes.START_EVENT_MESSAGE,
            ActivityTypes.INTERMEDIATE_EVENT_MESSAGE_THROW, ActivityTypes.TASK_USER_TASK);

    private final HistoryService history;

    ReferralHistory(HistoryService history) {
        this.history = history;
    }

    /** One step: its name, when it started, whether it is still open (a task) and who did it. */
    record Step(String name, Instant at, boolean open, String by) {
    }

    List<Step> of(String processInstanceId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list().stream()
                .filter(activity -> SHOWN.contains(activity.getActivityType()))
                .map(ReferralHistory::step)
                .toList();
    }

    private static Step step(HistoricActivityInstance activity) {
        boolean task = ActivityTypes.TASK_USER_TASK.equals(activity.getActivityType());
        return new Step(activity.getActivityName(), activity.getStartTime().toInstant(),
                task && activity.getEndTime() == null, task ? activity.getAssignee() : null);
    }
}
