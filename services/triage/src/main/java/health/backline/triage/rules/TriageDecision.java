package health.backline.triage.rules;

import health.backline.events.Pathway;
import health.backline.events.Priority;
import java.util.List;

/**
 * The proposed pathway and why: every rule that matched, in rule order, with the reason staff see
 * for each. The first rule decided the pathway.
 */
public record TriageDecision(Pathway pathway, Priority priority, List<String> rules, List<String> reasons) {

    public TriageDecision {
        rules = List.copyOf(rules);
        reasons = List.copyOf(reasons);
        if (rules.isEmpty() || rules.size() != reasons.size()) {
            throw new IllegalArgumentException("A decision needs at least one rule and one reason per rule");
        }
        if (priority != pathway.priority()) {
            throw new IllegalArgumentException("Priority " + priority + " does not belong to " + pathway);
        }
    }

    public TriageDecision(Pathway pathway, List<String> rules, List<String> reasons) {
        this(pathway, pathway.priority(), rules, reasons);
    }
}
