package health.backline.bench.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * How many referrals wait in front of each stage, from the topics' end offsets alone (sampled once a second while
 * a run goes on, so they cost the services nothing): what one stage has written and the next has not yet. A queue
 * that keeps growing names the stage that fell behind, without reading any service's internals.
 */
public final class StageQueues {

    /** The queues, by stage, in the order a referral meets them. */
    public enum Queue {
        INTAKE_OUTBOX("intake outbox", "answered 202, not yet on referrals.submitted"),
        TRIAGE("triage", "on referrals.submitted, not yet on referrals.triaged"),
        WORKFLOW("workflow", "status reports owed: 2 per triaged referral, less referrals.status"),
        SCHEDULING("scheduling", "on appointments.requested, not yet on appointments.outcome");

        private final String label;
        private final String meaning;

        Queue(String label, String meaning) {
            this.label = label;
            this.meaning = meaning;
        }

        public String label() {
            return label;
        }

        public String meaning() {
            return meaning;
        }
    }

    /** A queue's length when the load ended and the longest it was during the run. */
    public record Length(long atEndOfLoad, long peak) {
    }

    private final Map<Queue, Long> atEndOfLoad = new LinkedHashMap<>();
    private final Map<Queue, Long> peak = new LinkedHashMap<>();

    /**
     * Adds one sample: the records each topic gained since the run began, and how many referrals were accepted by
     * then. Each referral of these runs makes exactly two status reports (TRIAGED and its end state).
     */
    public synchronized void add(Map<String, Long> gained, int accepted, boolean loadEnded) {
        Map<Queue, Long> lengths = Map.of(
                Queue.INTAKE_OUTBOX, accepted - gained.get("referrals.submitted"),
                Queue.TRIAGE, gained.get("referrals.submitted") - gained.get("referrals.triaged"),
                Queue.WORKFLOW, 2 * gained.get("referrals.triaged") - gained.get("referrals.status"),
                Queue.SCHEDULING, gained.get("appointments.requested") - gained.get("appointments.outcome"));
        for (Queue queue : Queue.values()) {
            long length = Math.max(0, lengths.get(queue));
            peak.merge(queue, length, Math::max);
            if (loadEnded) {
                atEndOfLoad.putIfAbsent(queue, length);
            }
        }
    }

    public synchronized Map<Queue, Length> lengths() {
        Map<Queue, Length> lengths = new LinkedHashMap<>();
        peak.forEach((queue, longest) -> lengths.put(queue, new Length(atEndOfLoad.getOrDefault(queue, 0L), longest)));
        return lengths;
    }

    /** The gain of each topic from {@code before} to {@code now}. */
    public static Map<String, Long> gained(Map<String, Long> before, Map<String, Long> now) {
        Map<String, Long> gained = new LinkedHashMap<>();
        now.forEach((topic, end) -> gained.put(topic, end - before.getOrDefault(topic, 0L)));
        return gained;
    }

    /** Samples once a second on a thread of its own until closed; not at all when the first offsets were unreadable. */
    public static final class Sampler implements AutoCloseable {
        private final Thread thread;
        private volatile boolean loadEnded;

        public Sampler(TopicOffsets offsets, Optional<Map<String, Long>> atStart, IntSupplier accepted,
                       StageQueues queues) {
            thread = new Thread(() -> {
                if (atStart.isEmpty()) {
                    return;
                }
                Map<String, Long> before = atStart.get();
                while (!Thread.currentThread().isInterrupted()) {
                    boolean ended = loadEnded;
                    offsets.endOffsets().ifPresent(now -> queues.add(gained(before, now), accepted.getAsInt(), ended));
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException stopped) {
                        return;
                    }
                }
            }, "bench-offsets");
            thread.setDaemon(true);
            thread.start();
        }

        /** From the next sample on, lengths are also kept as the ones at the end of the load. */
        public void loadEnded() {
            loadEnded = true;
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }
}
