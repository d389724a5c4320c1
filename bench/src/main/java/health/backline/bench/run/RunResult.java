package health.backline.bench.run;

import health.backline.bench.capacity.SlotCapacity;
import health.backline.bench.follow.Milestones;
import health.backline.bench.follow.ReferralFollower.Progress;
import health.backline.bench.kafka.StageQueues;
import health.backline.bench.load.ArrivalPlan;
import health.backline.bench.load.OpenLoopSender.Sending;
import health.backline.bench.load.Pathway;
import health.backline.bench.load.Sent;
import health.backline.bench.resources.PartUse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every figure of one run, as printed and as written to {@code --json}. Times in milliseconds. */
public record RunResult(
        String label,
        Instant start,
        double offeredRate,
        double lengthSeconds,
        Map<Pathway, Long> plannedByPathway,
        SlotCapacity.Added capacity,
        double achievedSubmitRate,
        double senderMaxLateMs,
        int accepted,
        Map<String, Integer> errors,
        double completionRate,
        double busyCompletionRate,
        int backlogAtHalf,
        int backlogAtEnd,
        int settled,
        Map<Stage, Integer> unsettledWaitingIn,
        Map<String, Integer> stoppedShort,
        int otherPathway,
        Map<Stage, Distribution> stages,
        Map<Pathway, Distribution> endToEndByPathway,
        Distribution erHandoff,
        Map<String, TopicRecords> kafka,
        Map<StageQueues.Queue, StageQueues.Length> queues,
        List<PartUse> resources,
        long reads,
        long failedReads,
        double drainSeconds) {

    /** Records a topic gained during the run, and per accepted referral. */
    public record TopicRecords(long records, double perReferral) {
    }

    /** What a run measured, before the figures are worked out. */
    record Measured(String label, ArrivalPlan plan, SlotCapacity.Added capacity, Sending sending, Progress progress,
                    Duration drained, Optional<Map<String, Long>> offsetsBefore,
                    Optional<Map<String, Long>> offsetsAfter, Map<StageQueues.Queue, StageQueues.Length> queues,
                    List<PartUse> resources) {
    }

    static RunResult of(Measured run) {
        List<Sent> accepted = run.sending().sent().stream().filter(Sent::accepted).toList();
        Map<String, Sent> byId = accepted.stream().collect(Collectors.toMap(Sent::referralId, Function.identity()));
        List<Milestones> settled = run.progress().settled();
        List<Instant> endTimes = settled.stream().flatMap(m -> m.endAt().stream()).toList();
        List<Instant> dueTimes = accepted.stream().map(Sent::scheduledAt).toList();
        Instant start = run.sending().start();
        Duration length = run.plan().length();

        Map<Stage, List<Duration>> samples = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            samples.put(stage, new ArrayList<>());
        }
        Map<Pathway, List<Duration>> endToEnd = new EnumMap<>(Pathway.class);
        int otherPathway = 0;
        for (Sent sent : accepted) {
            samples.get(Stage.ANSWERED).add(sent.answeredAfter());
            addIfBoth(samples.get(Stage.RECORDED), sent.scheduledAt(), sent.submittedAt());
        }
        for (Milestones m : settled) {
            Sent sent = byId.get(m.referralId());
            if (sent != null && sent.pathway() != m.pathway()) {
                otherPathway++;
            }
            addIfBoth(samples.get(Stage.TRIAGED), m.submittedAt(), m.triagedAt());
            addIfBoth(samples.get(Stage.REVIEW), m.triagedAt(), m.at(Milestones.AWAITING_REVIEW));
            addIfBoth(samples.get(Stage.BOOKED), m.triagedAt(), m.at(Milestones.SCHEDULED));
            m.endAt().ifPresent(end -> {
                samples.get(Stage.END_TO_END).add(Duration.between(m.submittedAt(), end));
                endToEnd.computeIfAbsent(m.pathway(), p -> new ArrayList<>()).add(Duration.between(m.submittedAt(), end));
            });
        }
        Map<Stage, Distribution> stages = new EnumMap<>(Stage.class);
        samples.forEach((stage, durations) -> stages.put(stage, Distribution.of(durations)));
        Map<Pathway, Distribution> byPathway = new EnumMap<>(Pathway.class);
        endToEnd.forEach((pathway, durations) -> byPathway.put(pathway, Distribution.of(durations)));

        return new RunResult(run.label(), start, run.plan().offeredRate(), length.toNanos() / 1e9,
                run.plan().countByPathway(), run.capacity(), run.sending().achievedRate(),
                run.sending().maxLateness().toNanos() / 1e6, accepted.size(), errors(run.sending().sent()),
                Flow.completionRate(start, length, endTimes), Flow.busyCompletionRate(endTimes),
                Flow.backlogAt(start.plus(length.dividedBy(2)), dueTimes, endTimes),
                Flow.backlogAt(start.plus(length), dueTimes, endTimes),
                settled.size(), waitingIn(run.progress()), stoppedShort(settled), otherPathway, stages, byPathway,
                byPathway.getOrDefault(Pathway.ER_REFERRAL, Distribution.EMPTY),
                kafka(run.offsetsBefore(), run.offsetsAfter(), accepted.size()), run.queues(), run.resources(),
                run.progress().reads(), run.progress().failedReads(), run.drained().toNanos() / 1e9);
    }

    public int unsettled() {
        return unsettledWaitingIn.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int errorCount() {
        return errors.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** CPU milliseconds all of Backline's processes spent per accepted referral; NaN when they were not found. */
    public double backlineCpuMsPerReferral() {
        return resources.stream().filter(use -> use.part().equals(PartUse.BACKLINE_TOTAL))
                .mapToDouble(PartUse::cpuMsPerReferral).findFirst().orElse(Double.NaN);
    }

    public Distribution endToEnd() {
        return stages.get(Stage.END_TO_END);
    }

    private static Map<String, Integer> errors(List<Sent> sent) {
        return sent.stream().filter(s -> !s.accepted())
                .collect(Collectors.toMap(Sent::problem, s -> 1, Integer::sum, TreeMap::new));
    }

    /**
     * The stage each referral that did not settle in time was waiting in when last read: no triage yet, or triaged
     * and waiting for its imaging route or its booking. One never read successfully counts as waiting for triage.
     */
    private static Map<Stage, Integer> waitingIn(Progress progress) {
        Map<Stage, Integer> waiting = new EnumMap<>(Stage.class);
        progress.unsettled().forEach(m -> waiting.merge(m.triagedAt() == null ? Stage.TRIAGED
                : m.pathway() == Pathway.URGENT_IMAGING ? Stage.REVIEW : Stage.BOOKED, 1, Integer::sum));
        if (progress.neverRead() > 0) {
            waiting.merge(Stage.TRIAGED, progress.neverRead(), Integer::sum);
        }
        return waiting;
    }

    /** Settled without reaching their end state: stopped where only a person can move them on. */
    private static Map<String, Integer> stoppedShort(List<Milestones> settled) {
        return settled.stream().filter(m -> m.endAt().isEmpty())
                .collect(Collectors.toMap(Milestones::status, m -> 1, Integer::sum, TreeMap::new));
    }

    private static Map<String, TopicRecords> kafka(Optional<Map<String, Long>> before, Optional<Map<String, Long>> after,
                                                   int referrals) {
        if (before.isEmpty() || after.isEmpty()) {
            return Map.of();
        }
        Map<String, TopicRecords> records = new LinkedHashMap<>();
        after.get().forEach((topic, end) -> {
            long written = end - before.get().getOrDefault(topic, 0L);
            records.put(topic, new TopicRecords(written, referrals == 0 ? Double.NaN : written / (double) referrals));
        });
        return records;
    }

    private static void addIfBoth(List<Duration> samples, Instant from, Instant to) {
        if (from != null && to != null) {
            samples.add(Duration.between(from, to));
        }
    }
}
