package health.backline.workflow.metrics;

import health.backline.events.Pathway;
import health.backline.starter.metrics.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * How referrals move through the workflow, for Prometheus ({@code /actuator/prometheus}) and the
 * admin dashboard: how many start, where triage routes them, and how long a referral waits from
 * submission to its triage result and to its first booking. Failed bookings are counted where they
 * fail, in scheduling ({@code backline.bookings{outcome=failed}}).
 *
 * <p>Everything is recorded after the engine's transaction commits: a message that fails and is
 * retried by the Kafka error handler is counted once, when it finally goes through.
 */
@Component
public class ReferralMetrics {

    public static final String STARTED = "backline.referrals.started";
    public static final String ROUTED = "backline.referrals.routed";
    /** Re-triages after new findings that reached a referral's care, by proposed pathway and whether it applied at once. */
    public static final String RETRIAGED = "backline.referrals.retriaged";
    public static final String TIME_TO_TRIAGE = "backline.referral.time.to.triage";
    public static final String TIME_TO_BOOKING = "backline.referral.time.to.booking";

    /**
     * The dashboard's median and 95th percentile describe this recent window (computed in this
     * service); Prometheus gets the histogram buckets instead, for {@code histogram_quantile} over any window.
     */
    public static final Duration PERCENTILE_WINDOW = Duration.ofHours(1);

    private final Counter started;
    private final Map<Pathway, Counter> routed = new EnumMap<>(Pathway.class);
    private final MeterRegistry registry;
    private final Timer timeToTriage;
    private final Timer timeToBooking;

    public ReferralMetrics(MeterRegistry registry) {
        this.registry = registry;
        started = Counter.builder(STARTED).description("Referral process instances started").register(registry);
        for (Pathway pathway : Pathway.values()) {
            routed.put(pathway, Counter.builder(ROUTED).tag("pathway", pathway.name())
                    .description("Referrals routed by their triage result, by pathway").register(registry));
        }
        timeToTriage = waitingTime(TIME_TO_TRIAGE, "From submission to the triage result reaching the workflow",
                Duration.ofHours(1)).register(registry);
        timeToBooking = waitingTime(TIME_TO_BOOKING, "From submission to the referral's first booked appointment",
                Duration.ofDays(3)).register(registry);
    }

    private static Timer.Builder waitingTime(String name, String description, Duration longest) {
        return Timer.builder(name).description(description)
                .publishPercentiles(0.5, 0.95)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(longest)
                .distributionStatisticExpiry(PERCENTILE_WINDOW)
                .distributionStatisticBufferLength(6);
    }

    public void started() {
        AfterCommit.run(started::increment);
    }

    /** The triage result reached the process: the referral is routed, {@code submittedAt} may be unknown. */
    public void triaged(Pathway pathway, Instant submittedAt, Instant now) {
        AfterCommit.run(() -> {
            routed.get(pathway).increment();
            record(timeToTriage, submittedAt, now);
        });
    }

    /** New findings proposed a new pathway: applied at once (more urgent), or sent to a clinician's review. */
    public void retriaged(Pathway proposed, boolean atOnce) {
        AfterCommit.run(() -> Counter.builder(RETRIAGED).tag("pathway", proposed.name())
                .tag("applied", atOnce ? "at-once" : "awaits-review")
                .description("Re-triages after new findings that proposed a new pathway").register(registry).increment());
    }

    /** The referral's first appointment is booked. */
    public void firstBooking(Instant submittedAt, Instant now) {
        AfterCommit.run(() -> record(timeToBooking, submittedAt, now));
    }

    public Percentiles timeToTriage() {
        return Percentiles.of(timeToTriage);
    }

    public Percentiles timeToBooking() {
        return Percentiles.of(timeToBooking);
    }

    private static void record(Timer timer, Instant from, Instant to) {
        if (from != null) {
            timer.record(Duration.between(from, to).isNegative() ? Duration.ZERO : Duration.between(from, to));
        }
    }

    /**
     * A timer's median and 95th percentile over the recent window ({@link #PERCENTILE_WINDOW}), null
     * when nothing was recorded in it, and how many were recorded since the service started.
     */
    public record Percentiles(Duration median, Duration p95, long countSinceStart) {

        static Percentiles of(Timer timer) {
            HistogramSnapshot snapshot = timer.takeSnapshot();
            Duration median = null;
            Duration p95 = null;
            for (ValueAtPercentile value : snapshot.percentileValues()) {
                Duration at = Duration.ofNanos((long) value.value(TimeUnit.NANOSECONDS));
                if (value.percentile() == 0.5) {
                    median = at;
                } else if (value.percentile() == 0.95) {
                    p95 = at;
                }
            }
            boolean recent = p95 != null && !p95.isZero();
            return new Percentiles(recent ? median : null, recent ? p95 : null, timer.count());
        }
    }
}
