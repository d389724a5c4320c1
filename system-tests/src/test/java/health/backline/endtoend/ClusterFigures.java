package health.backline.endtoend;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The fault test's figures, from when each referral was due to be sent, accepted, and when it reached its outcome
 * (its own timeline), against when the faults happened. Printed, never asserted: they depend on the machine.
 *
 * <ul>
 * <li>throughput: outcomes reached per second in each window between two events (a kill, a recovery, the end of the
 *     load), and referrals accepted per second;</li>
 * <li>end to end: from a referral's due time to its outcome, by the window it was sent in;</li>
 * <li>longest stall: the longest time, between the first outcome and the last, in which no referral reached its
 *     outcome;</li>
 * <li>recovery: from a kill until the outcome rate over every 5 s is back to 90 % of the rate in the
 *     {@value #REFERENCE_SECONDS} s before the kill, or of the offered rate if that was higher (a backlog being worked
 *     off), looked for until the next fault or the end of the load, within {@value #RECOVERY_HORIZON_SECONDS} s.</li>
 * </ul>
 */
final class ClusterFigures {

    static final int RECOVERY_HORIZON_SECONDS = 120;
    static final int REFERENCE_SECONDS = 20;
    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final int RATE_WINDOW_SECONDS = 5;

    /** One referral: when it was due to be sent, accepted, and when it reached its outcome. */
    record Outcome(Instant dueAt, Instant acceptedAt, Instant reachedAt) {
    }

    /** When the load ran and the faults happened; {@code node} is the Kafka node that was killed. */
    record Faults(Instant loadStart, Instant loadEnd, String node, Instant nodeKilled, Instant nodeBack,
                  Instant nodeInSync, Instant instancesKilled, Instant instancesBack, Instant groupsRebalanced) {
    }

    private record Window(Instant from, Instant to) {

        double seconds() {
            return Math.max(0.001, Duration.between(from, to).toMillis() / 1000.0);
        }

        boolean holds(Instant at) {
            return !at.isBefore(from) && at.isBefore(to);
        }
    }

    private record Gap(Instant from, Duration length) {
    }

    private final Faults faults;
    private final List<Outcome> outcomes;
    private final List<Instant> reached;

    ClusterFigures(Faults faults, List<Outcome> outcomes) {
        this.faults = faults;
        this.outcomes = List.copyOf(outcomes);
        this.reached = outcomes.stream().map(Outcome::reachedAt).sorted().toList();
    }

    /** {@code machine}: what else the machine was doing, e.g. its load average. */
    String report(double offeredRate, OpenLoopSubmissions.Result load, String machine) {
        Instant first = reached.get(0);
        Instant last = reached.get(reached.size() - 1);
        StringBuilder text = new StringBuilder();
        line(text, "Machine: %s.", machine);
        line(text, "Offered %.1f referrals/s for %d s (sent at %.1f/s); %d accepted, %d not accepted; refused attempts,"
                        + " sent again: %s.", offeredRate, Duration.between(faults.loadStart(), faults.loadEnd()).toSeconds(),
                load.achievedRate(), load.accepted().size(), load.notAccepted(), load.refusals());
        line(text, "Outcomes from %s to %s: %.1f/s over the whole run.", at(first), at(last),
                (reached.size() - 1) / new Window(first, last).seconds());
        line(text, "");
        line(text, "| window | from | to | accepted/s | outcomes/s | end to end p50 | p99 |");
        line(text, "|---|---|---|---|---|---|---|");
        for (Window window : windows(last)) {
            List<Duration> latencies = outcomes.stream().filter(outcome -> window.holds(outcome.dueAt()))
                    .map(outcome -> Duration.between(outcome.dueAt(), outcome.reachedAt())).sorted().toList();
            long acceptedIn = outcomes.stream().filter(outcome -> window.holds(outcome.acceptedAt())).count();
            line(text, "| %s | %s | %s | %.1f | %.1f | %s | %s |", nameOf(window), at(window.from()), at(window.to()),
                    acceptedIn / window.seconds(), rate(window), seconds(percentile(latencies, 50)),
                    seconds(percentile(latencies, 99)));
        }
        line(text, "");
        Gap longest = longestGap(first, last);
        line(text, "Longest stall: %s without an outcome, from %s.", seconds(longest.length()), at(longest.from()));
        fault(text, "Kafka node " + faults.node(), faults.nodeKilled(), earlier(faults.instancesKilled(), faults.loadEnd()),
                last, offeredRate);
        line(text, "  back in the cluster after %s, every partition in sync again after %s.",
                since(faults.nodeKilled(), faults.nodeBack()), since(faults.nodeKilled(), faults.nodeInSync()));
        fault(text, "One instance of every service", faults.instancesKilled(), faults.loadEnd(), last, offeredRate);
        line(text, "  all four healthy again after %s; every consumer group with members of both instances again after %s.",
                since(faults.instancesKilled(), faults.instancesBack()),
                since(faults.instancesKilled(), faults.groupsRebalanced()));
        return text.toString();
    }

    /** Between every two events in time order: the warm-up's end, the kills, the recoveries, the load's end. */
    private List<Window> windows(Instant lastOutcome) {
        List<Instant> bounds = Stream.of(faults.loadStart().plus(WARM_UP), faults.nodeKilled(), faults.nodeInSync(),
                faults.instancesKilled(), faults.instancesBack(), faults.loadEnd(), lastOutcome.plusMillis(1)).sorted().toList();
        List<Window> windows = new ArrayList<>();
        for (int i = 1; i < bounds.size(); i++) {
            // Shorter windows (two events at about the same moment) say nothing about a rate.
            if (Duration.between(bounds.get(i - 1), bounds.get(i)).compareTo(Duration.ofSeconds(1)) >= 0) {
                windows.add(new Window(bounds.get(i - 1), bounds.get(i)));
            }
        }
        return windows;
    }

    private String nameOf(Window window) {
        List<String> state = new ArrayList<>();
        if (!window.from().isBefore(faults.nodeKilled()) && window.from().isBefore(faults.nodeInSync())) {
            state.add("node " + faults.node() + " lost until in sync");
        }
        if (!window.from().isBefore(faults.instancesKilled()) && window.from().isBefore(faults.instancesBack())) {
            state.add("an instance of each service lost until back");
        }
        if (state.isEmpty()) {
            state.add(window.from().isBefore(faults.nodeKilled()) ? "before the faults" : "no fault");
        }
        state.add(window.from().isBefore(faults.loadEnd()) ? "load on" : "load over, draining");
        return String.join("; ", state);
    }

    /** {@code nextFault}: where looking for the recovery stops, the next kill or the end of the load. */
    private void fault(StringBuilder text, String what, Instant killed, Instant nextFault, Instant lastOutcome,
                       double offeredRate) {
        Instant minuteAfter = killed.plusSeconds(60);
        Gap stall = longestGap(killed, minuteAfter.isBefore(lastOutcome) ? minuteAfter : lastOutcome);
        double before = rate(new Window(killed.minusSeconds(REFERENCE_SECONDS), killed));
        line(text, "%s killed at %s (outcomes %.1f/s in the %d s before): longest stall in the minute after %s (from %s),"
                + " recovery %s.", what, at(killed), before, REFERENCE_SECONDS, seconds(stall.length()), at(stall.from()),
                recovery(killed, Math.min(before, offeredRate), nextFault));
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private double rate(Window window) {
        return reached.stream().filter(window::holds).count() / window.seconds();
    }

    /** The longest time in [from, to] without an outcome, counting from the last outcome before {@code from}. */
    private Gap longestGap(Instant from, Instant to) {
        Instant previous = reached.stream().filter(at -> at.isBefore(from)).reduce((a, b) -> b).orElse(from);
        Gap longest = new Gap(previous, Duration.ZERO);
        List<Instant> inside = new ArrayList<>(reached.stream().filter(at -> !at.isBefore(from) && !at.isAfter(to)).toList());
        inside.add(to);
        for (Instant at : inside) {
            Duration gap = Duration.between(previous, at);
            if (gap.compareTo(longest.length()) > 0) {
                longest = new Gap(previous, gap);
            }
            previous = at;
        }
        return longest;
    }

    /**
     * From the kill to the end of the last 5-s span with fewer outcomes than 90 % of {@code reference}; spans are looked
     * at until {@code until} (the next fault, or the load's end: after it, the rate falls for want of work) and
     * within the horizon.
     */
    private String recovery(Instant killed, double reference, Instant until) {
        Instant lastLow = null;
        Instant lastLooked = killed;
        for (int second = 0; second < RECOVERY_HORIZON_SECONDS; second++) {
            Window span = new Window(killed.plusSeconds(second), killed.plusSeconds(second + RATE_WINDOW_SECONDS));
            if (span.to().isAfter(until)) {
                break;
            }
            lastLooked = span.to();
            if (rate(span) < 0.9 * reference) {
                lastLow = span.to();
            }
        }
        if (lastLow == null) {
            return lastLooked.equals(killed) ? "- (the load ended first)"
                    : "0 s (the outcome rate never fell below 90 % of before)";
        }
        if (lastLow.equals(lastLooked)) {
            return "not before " + (lastLooked.isBefore(killed.plusSeconds(RECOVERY_HORIZON_SECONDS))
                    ? at(until) + " (the next fault or the end of the load)" : RECOVERY_HORIZON_SECONDS + " s had passed");
        }
        return seconds(Duration.between(killed, lastLow));
    }

    private static Duration percentile(List<Duration> sorted, int percent) {
        if (sorted.isEmpty()) {
            return null;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private String at(Instant instant) {
        return seconds(Duration.between(faults.loadStart(), instant));
    }

    private static String since(Instant from, Instant to) {
        return seconds(Duration.between(from, to));
    }

    private static String seconds(Duration duration) {
        return duration == null ? "-" : String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static void line(StringBuilder text, String format, Object... arguments) {
        text.append(String.format(Locale.ROOT, format, arguments)).append('\n');
    }
}
