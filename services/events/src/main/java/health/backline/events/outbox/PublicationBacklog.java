package health.backline.events.outbox;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Per record key (referral), the committed events not on Kafka yet, oldest first. While a referral
 * has any, only the oldest may be sent: newer ones queue behind it, so one referral's events reach
 * Kafka in the order they were committed even when the broker refused one for a while. Also the ids
 * Kafka acknowledged lately, so an event handed back while its first attempt was queued is not sent twice.
 */
public class PublicationBacklog {

    /** How many acknowledged event ids are remembered: far more than a retry round can hand back twice. */
    static final int REMEMBERED_SENT = 20_000;

    private final Map<String, LinkedHashSet<String>> waiting = new LinkedHashMap<>();
    private final Map<String, Boolean> recentlySent = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_SENT;
        }
    };

    /** May this event go now? If not, it joins its referral's queue (once). */
    public synchronized boolean mayGo(OutboundEvent event) {
        LinkedHashSet<String> queue = waiting.get(event.key());
        if (queue == null) {
            return true;
        }
        queue.add(event.id());
        return queue.iterator().next().equals(event.id());
    }

    /** Whether Kafka acknowledged this event since the service started (a crash forgets, and resends: at least once). */
    public synchronized boolean wasSent(OutboundEvent event) {
        return recentlySent.containsKey(event.id());
    }

    public synchronized void sent(OutboundEvent event) {
        recentlySent.put(event.id(), Boolean.TRUE);
        LinkedHashSet<String> queue = waiting.get(event.key());
        if (queue != null) {
            queue.remove(event.id());
            if (queue.isEmpty()) {
                waiting.remove(event.key());
            }
        }
    }

    /** The broker did not take it: it heads (or keeps its place in) its referral's queue. */
    public synchronized void failed(OutboundEvent event) {
        waiting.computeIfAbsent(event.key(), key -> new LinkedHashSet<>()).add(event.id());
    }

    public synchronized boolean isWaiting(OutboundEvent event) {
        LinkedHashSet<String> queue = waiting.get(event.key());
        return queue != null && queue.contains(event.id());
    }

    /** Starts over from the registry's unsent events, oldest first: what is no longer unsent leaves the queues. */
    public synchronized void replaceWith(List<OutboundEvent> unsentOldestFirst) {
        waiting.clear();
        unsentOldestFirst.forEach(this::failed);
    }

    /** Events, over all referrals, waiting to be sent. */
    public synchronized int size() {
        return waiting.values().stream().mapToInt(LinkedHashSet::size).sum();
    }
}
