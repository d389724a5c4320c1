package health.backline.bench.follow;

import com.fasterxml.jackson.databind.JsonNode;
import health.backline.bench.load.Pathway;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * When a referral first reached each status, read from its own view ({@code GET /api/referrals/{id}}):
 * {@code submittedAt} and the timeline. Taken from the referral, not from when the bench happened to look, so
 * sparse polling costs no precision.
 *
 * <p>Whose clock wrote each entry (services/intake, tracking package): SUBMITTED is intake's, at the start of the
 * submitting transaction ({@code submittedAt}). TRIAGED is whichever news of the triage reached intake first:
 * usually intake's own clock when it consumed {@code referrals.triaged}, else the workflow's when it correlated
 * the triage result (its TRIAGED status report). Every later status is the workflow engine's clock inside the
 * transaction that ran the milestone: AWAITING_REVIEW when it took the triage result in and routed an imaging
 * referral, SCHEDULED when it took the booking in (not when the front desk could first see it). For the other
 * pathways the first status after TRIAGED, the routing, is SCHEDULED itself: routing and booking are one step of
 * the timeline.
 */
public record Milestones(String referralId, Pathway pathway, String status, Instant submittedAt,
                         Map<String, Instant> firstAt) {

    public static final String TRIAGED = "TRIAGED";
    public static final String AWAITING_REVIEW = "AWAITING_REVIEW";
    public static final String SCHEDULED = "SCHEDULED";
    /** Statuses after which nothing moves without a person: the bench stops following there. */
    private static final Set<String> NEEDS_A_PERSON = Set.of("BOOKING_FAILED", "CANCELLED", "CLOSED");

    public Milestones {
        firstAt = Map.copyOf(firstAt);
    }

    public static Milestones of(JsonNode view) {
        Map<String, Instant> firstAt = new HashMap<>();
        for (JsonNode entry : view.path("timeline")) {
            firstAt.merge(entry.path("status").asText(), Instant.parse(entry.path("at").asText()),
                    (earlier, later) -> later.isBefore(earlier) ? later : earlier);
        }
        JsonNode pathway = view.path("triage").path("pathway");
        return new Milestones(view.path("id").asText(), pathway.isTextual() ? Pathway.valueOf(pathway.asText()) : null,
                view.path("status").asText(), Instant.parse(view.path("submittedAt").asText()), firstAt);
    }

    /** When the referral first reached {@code status}; null if it has not. */
    public Instant at(String status) {
        return firstAt.get(status);
    }

    public Instant triagedAt() {
        return at(TRIAGED);
    }

    /** When the referral reached the end state of its triaged pathway without anyone acting; empty while it has not. */
    public Optional<Instant> endAt() {
        return pathway == null ? Optional.empty() : Optional.ofNullable(at(pathway.endStatus()));
    }

    /** Whether following it further could show anything new without a person acting. */
    public boolean settled() {
        return endAt().isPresent() || NEEDS_A_PERSON.contains(status);
    }
}
