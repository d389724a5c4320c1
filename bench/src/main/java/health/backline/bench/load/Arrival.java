package health.backline.bench.load;

/** One referral of a run: when it is sent, counted from the start of the run, and its pathway. */
public record Arrival(long offsetNanos, Pathway pathway) {
}
