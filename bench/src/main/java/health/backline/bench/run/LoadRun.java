package health.backline.bench.run;

import health.backline.bench.api.BacklineApi;
import health.backline.bench.capacity.SlotCapacity;
import health.backline.bench.capacity.SlotPlan;
import health.backline.bench.follow.ReferralFollower;
import health.backline.bench.follow.ReferralFollower.Progress;
import health.backline.bench.kafka.StageQueues;
import health.backline.bench.kafka.TopicOffsets;
import health.backline.bench.load.ArrivalPlan;
import health.backline.bench.load.ClinicalCases;
import health.backline.bench.load.OpenLoopSender;
import health.backline.bench.load.OpenLoopSender.Sending;
import health.backline.bench.load.ReferralBodies;
import health.backline.bench.load.Sent;
import health.backline.bench.resources.CpuSnapshot;
import health.backline.bench.resources.PartUse;
import health.backline.bench.resources.ProcessGroup;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One measured run: capacity first, then the plan's referrals sent open loop and followed to their end state, then
 * a drain; Kafka end offsets and CPU of every part read before and after, memory at the end.
 */
public final class LoadRun {

    /** How a run is carried out (not what it sends). */
    public record Settings(Duration drainTimeout, Duration pollInterval, int pollConcurrency, double readBudget,
                           double slotMargin, int slotConcurrency) {

        /** Referral reads a second at most: the budget times the offered rate, never below 5. */
        double readsPerSecond(ArrivalPlan plan) {
            return Math.max(5, readBudget * plan.offeredRate());
        }
    }

    private final BacklineApi api;
    private final TopicOffsets offsets;
    private final List<ProcessGroup> parts;
    private final ClinicalCases cases;
    private final Settings settings;
    private final PrintStream progress;

    public LoadRun(BacklineApi api, TopicOffsets offsets, List<ProcessGroup> parts, ClinicalCases cases,
                   Settings settings, PrintStream progress) {
        this.api = api;
        this.offsets = offsets;
        this.parts = parts;
        this.cases = cases;
        this.settings = settings;
        this.progress = progress;
    }

    public RunResult run(String label, ArrivalPlan plan) throws InterruptedException {
        // A tag of this run for its MRNs, idempotency keys and slot resources: runs never collide.
        String runTag = Long.toString(System.currentTimeMillis(), 36);
        SlotPlan slots = SlotPlan.covering(plan.countByPathway(), settings.slotMargin(), Instant.now(), runTag);
        progress.printf(Locale.ROOT, "%s: adding %,d slots (%d at a time) ...%n", label, slots.size(),
                settings.slotConcurrency());
        SlotCapacity.Added capacity = new SlotCapacity(api, settings.slotConcurrency()).add(slots);
        progress.printf(Locale.ROOT, "%s: %,d slots added in %.1f s; sending %,d referrals at %.1f/s for %.0f s ...%n",
                label, capacity.added(), capacity.took().toMillis() / 1000.0, plan.size(), plan.offeredRate(),
                plan.length().toMillis() / 1000.0);
        List<byte[]> bodies = ReferralBodies.of(plan, cases, runTag);

        Optional<Map<String, Long>> offsetsBefore = offsets.endOffsets();
        CpuSnapshot cpuBefore = CpuSnapshot.take(parts);
        Sending sending;
        Progress settled;
        Duration drained;
        AtomicInteger acceptedSoFar = new AtomicInteger();
        StageQueues queues = new StageQueues();
        try (ReferralFollower follower = new ReferralFollower(api, settings.pollInterval(), settings.pollConcurrency(),
                settings.readsPerSecond(plan));
             StageQueues.Sampler sampler = new StageQueues.Sampler(offsets, offsetsBefore, acceptedSoFar::get, queues)) {
            sending = new OpenLoopSender(api).send(plan, bodies, runTag, accepted -> {
                acceptedSoFar.incrementAndGet();
                follower.follow(accepted);
            });
            sampler.loadEnded();
            progress.printf(Locale.ROOT, "%s: load done, waiting up to %d s for referrals to settle ...%n", label,
                    settings.drainTimeout().toSeconds());
            long drainStarted = System.nanoTime();
            settled = follower.awaitSettled(settings.drainTimeout());
            drained = Duration.ofNanos(System.nanoTime() - drainStarted);
        }
        CpuSnapshot cpuAfter = CpuSnapshot.take(parts);
        Optional<Map<String, Long>> offsetsAfter = offsets.endOffsets();
        int accepted = (int) sending.sent().stream().filter(Sent::accepted).count();
        List<PartUse> resources = cpuAfter.since(cpuBefore, parts, accepted);
        return RunResult.of(new RunResult.Measured(label, plan, capacity, sending, settled, drained, offsetsBefore,
                offsetsAfter, queues.lengths(), resources));
    }
}
