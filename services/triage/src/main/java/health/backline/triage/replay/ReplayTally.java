package health.backline.triage.replay;

import health.backline.events.Pathway;
import health.backline.triage.replay.ReplayResult.Change;
import health.backline.triage.replay.ReplayResult.Outcome;
import health.backline.triage.rules.TriageDecision;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Counts a replay as it goes, one referral at a time, so only the changed referrals are kept. */
final class ReplayTally {

    private final long[][] counts = new long[Pathway.values().length][Pathway.values().length];
    private final List<Change> changed = new ArrayList<>();
    private long evaluated;

    void add(UUID referralId, Pathway storedPathway, List<String> storedRules, TriageDecision candidate) {
        evaluated++;
        counts[storedPathway.ordinal()][candidate.pathway().ordinal()]++;
        if (storedPathway != candidate.pathway() || !storedRules.equals(candidate.rules())) {
            changed.add(new Change(referralId, new Outcome(storedPathway, storedRules),
                    new Outcome(candidate.pathway(), candidate.rules())));
        }
    }

    ReplayResult result() {
        Map<Pathway, Map<Pathway, Long>> matrix = new LinkedHashMap<>();
        long underTriage = 0;
        for (Pathway from : Pathway.values()) {
            Map<Pathway, Long> row = new EnumMap<>(Pathway.class);
            for (Pathway to : Pathway.values()) {
                long count = counts[from.ordinal()][to.ordinal()];
                row.put(to, count);
                if (ReplayResult.underTriage(from, to)) {
                    underTriage += count;
                }
            }
            matrix.put(from, row);
        }
        return new ReplayResult(evaluated, List.copyOf(changed), matrix, underTriage);
    }
}
