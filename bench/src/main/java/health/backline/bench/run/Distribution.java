package health.backline.bench.run;

import java.time.Duration;
import java.util.Collection;

/**
 * Latencies of one kind in milliseconds: how many, median, 90th and 99th percentile, the worst. Percentiles are
 * nearest-rank (the value below which at least p % of the samples lie, itself a sample), so a p99 of 100
 * samples is the 99th smallest, never an interpolation no referral had.
 */
public record Distribution(int count, double p50, double p90, double p99, double max) {

    public static final Distribution EMPTY = new Distribution(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public static Distribution of(Collection<Duration> samples) {
        if (samples.isEmpty()) {
            return EMPTY;
        }
        double[] sorted = samples.stream().mapToDouble(sample -> sample.toNanos() / 1e6).sorted().toArray();
        return new Distribution(sorted.length, percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
                sorted[sorted.length - 1]);
    }

    /** Nearest rank: the ceil(p / 100 * n)-th smallest of the sorted samples. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0 || p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile " + p + " of " + sorted.length + " samples");
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length - 1e-9);
        return sorted[Math.max(rank, 1) - 1];
    }

    public boolean isEmpty() {
        return count == 0;
    }
}
