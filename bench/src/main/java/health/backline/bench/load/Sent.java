package health.backline.bench.load;

import java.time.Duration;
import java.time.Instant;

/**
 * What became of one submission: when the plan meant it to leave, how long after that the answer came, the HTTP
 * status (0 when there was none) or the error, and for an accepted one its referral id and {@code submittedAt}.
 */
public record Sent(int index, Pathway pathway, Instant scheduledAt, Duration answeredAfter, int status, String error,
                   String referralId, Instant submittedAt) {

    public boolean accepted() {
        return status == 202 && referralId != null;
    }

    /** What went wrong, for the error count: the status, or the kind of failure when no answer came. */
    public String problem() {
        return error != null ? error : "HTTP " + status;
    }
}
