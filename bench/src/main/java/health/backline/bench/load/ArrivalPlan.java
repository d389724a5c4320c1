package health.backline.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * When each referral of a run is sent: referral i of a stream at rate r leaves at i / r seconds after the start,
 * whatever the answers to earlier ones (an open loop: a slow system does not slow the arrivals down, so its
 * queueing shows in the latencies instead of hiding behind a waiting client).
 */
public record ArrivalPlan(List<Arrival> arrivals, Duration length) {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    public ArrivalPlan {
        arrivals = List.copyOf(arrivals);
    }

    /** {@code rate} referrals a second for {@code length}, their pathways drawn from {@code mix}. */
    public static ArrivalPlan steady(double rate, Duration length, PathwayMix mix) {
        if (rate <= 0 || length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("A run needs a positive rate and length");
        }
        int count = (int) Math.floor(rate * length.toNanos() / NANOS_PER_SECOND + 1e-9);
        List<Pathway> pathways = mix.sequence(count);
        List<Arrival> arrivals = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            arrivals.add(new Arrival(Math.round(i * NANOS_PER_SECOND / rate), pathways.get(i)));
        }
        return new ArrivalPlan(arrivals, length);
    }

    /** Both streams in one, by sending time. */
    public ArrivalPlan with(ArrivalPlan other) {
        List<Arrival> merged = new ArrayList<>(arrivals);
        merged.addAll(other.arrivals);
        merged.sort(Comparator.comparingLong(Arrival::offsetNanos));
        return new ArrivalPlan(merged, length.compareTo(other.length) >= 0 ? length : other.length);
    }

    public int size() {
        return arrivals.size();
    }

    /** Referrals a second this plan offers. */
    public double offeredRate() {
        return arrivals.size() * (double) NANOS_PER_SECOND / length.toNanos();
    }

    public Map<Pathway, Long> countByPathway() {
        Map<Pathway, Long> counts = new EnumMap<>(Pathway.class);
        arrivals.forEach(arrival -> counts.merge(arrival.pathway(), 1L, Long::sum));
        return counts;
    }
}
