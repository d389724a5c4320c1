package health.backline.triage.replay;

import com.fasterxml.jackson.annotation.JsonIgnore;
import health.backline.events.Pathway;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a candidate table would have decided for a period's referrals (contract: API.md, Governance).
 *
 * @param changed every referral whose pathway or rule list would change, oldest decision first
 * @param matrix  how many referrals go from each stored pathway (row) to each candidate pathway (column); every
 *                pathway is a row and a column, zeros included
 * @param underTriage how many referrals would go to a less urgent pathway ({@link Pathway#isLessUrgentThan})
 */
record ReplayResult(long evaluated, List<Change> changed, Map<Pathway, Map<Pathway, Long>> matrix, long underTriage) {

    /** A pathway and the rules that matched, in rule order. */
    record Outcome(Pathway pathway, List<String> rules) {
    }

    /** A referral whose triage would change: what was decided, what the candidate decides. */
    record Change(UUID referralId, Outcome from, Outcome to) {

        @JsonIgnore
        public boolean underTriage() {
            return ReplayResult.underTriage(from.pathway(), to.pathway());
        }
    }

    /** Whether the candidate sends referrals stored on {@code from} to {@code to} later than they were. */
    static boolean underTriage(Pathway from, Pathway to) {
        return to.isLessUrgentThan(from);
    }
}
