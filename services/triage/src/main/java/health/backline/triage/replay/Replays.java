package health.backline.triage.replay;

import health.backline.starter.web.FieldProblem;
import health.backline.starter.web.InvalidRequestException;
import health.backline.triage.referral.TriageDecisions;
import health.backline.triage.referral.TriageDecisions.StoredDecision;
import health.backline.triage.rules.RedFlagRules;
import health.backline.triage.rules.TriageDecision;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Replays a period's stored triage decisions through a candidate table: the facts each referral was triaged on, the
 * same rule interpretation, another table. Reads only: nothing is stored, nothing is announced.
 */
@Service
class Replays {

    /** Decisions evaluated together: one database fetch. */
    private static final int BATCH = 1000;

    private final CandidateTables tables;
    private final TriageDecisions decisions;

    Replays(CandidateTables tables, TriageDecisions decisions) {
        this.tables = tables;
        this.decisions = decisions;
    }

    /**
     * The replay of the decisions taken from {@code from} (inclusive) to {@code to} (exclusive), ISO instants, or a
     * 400 naming every problem with the period and the table together.
     */
    ReplayResult replay(String from, String to, byte[] table) {
        List<FieldProblem> problems = new ArrayList<>();
        Instant start = instant("from", from, problems);
        Instant end = instant("to", to, problems);
        if (start != null && end != null && !start.isBefore(end)) {
            problems.add(new FieldProblem("to", "must be after from"));
        }
        RedFlagRules candidate = null;
        try {
            candidate = tables.check(table);
        } catch (InvalidRequestException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return replay(candidate, start, end);
    }

    private ReplayResult replay(RedFlagRules candidate, Instant from, Instant to) {
        ReplayTally tally = new ReplayTally();
        List<StoredDecision> batch = new ArrayList<>(BATCH);
        decisions.forEachDecidedBetween(from, to, stored -> {
            batch.add(stored);
            if (batch.size() == BATCH) {
                evaluate(candidate, batch, tally);
                batch.clear();
            }
        });
        evaluate(candidate, batch, tally);
        return tally.result();
    }

    /**
     * Evaluating is most of a replay's cost (ADR 20) and the rules are thread-safe: a batch is evaluated on every
     * core, then counted in order.
     */
    private static void evaluate(RedFlagRules candidate, List<StoredDecision> batch, ReplayTally tally) {
        List<TriageDecision> decided = batch.parallelStream().map(stored -> evaluate(candidate, stored)).toList();
        for (int i = 0; i < batch.size(); i++) {
            StoredDecision stored = batch.get(i);
            tally.add(stored.referralId(), stored.pathway(), stored.rules(), decided.get(i));
        }
    }

    /** A cell FEEL cannot evaluate (it shows only when used) or a table matching nothing is the table's fault. */
    private static TriageDecision evaluate(RedFlagRules candidate, StoredDecision stored) {
        try {
            return candidate.evaluate(stored.facts());
        } catch (RuntimeException e) {
            throw new InvalidRequestException("table", "cannot be evaluated for referral " + stored.referralId()
                    + ": " + e.getMessage());
        }
    }

    private static Instant instant(String name, String value, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(name, "is required: an instant such as 2026-11-01T00:00:00Z"));
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(name, "must be an instant such as 2026-11-01T00:00:00Z, not " + value));
            return null;
        }
    }
}
