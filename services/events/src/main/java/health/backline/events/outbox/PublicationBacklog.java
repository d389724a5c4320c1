package health.backline.events.outbox;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts, per record key (referral), the committed events that have not reached Kafka yet. While a
 * referral has any, its newer events wait behind them, so one referral's events reach Kafka in the
 * order they were committed even when the broker was away for a while.
 */
public class PublicationBacklog {

    private final Map<String, Integer> waiting = new HashMap<>();

    public synchronized boolean isWaiting(String key) {
        return waiting.containsKey(key);
    }

    public synchronized void add(String key) {
        waiting.merge(key, 1, Integer::sum);
    }

    public synchronized void remove(String key) {
        waiting.computeIfPresent(key, (k, count) -> count > 1 ? count - 1 : null);
    }

    /** Events, over all referrals, waiting to be sent. */
    public synchronized int size() {
        return waiting.values().stream().mapToInt(Integer::intValue).sum();
    }
}
