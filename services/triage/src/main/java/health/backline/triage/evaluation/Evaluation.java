package health.backline.triage.evaluation;

import health.backline.events.Pathway;
import health.backline.events.Priority;
import health.backline.events.payload.StartBackScore;
import java.util.List;

/** What the rules say about an intake, without storing or announcing anything. */
record Evaluation(Pathway pathway, Priority priority, List<String> rules, List<String> reasons,
                  StartBackScore startBack) {
}
