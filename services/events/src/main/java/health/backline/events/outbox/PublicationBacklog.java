package health.backline.events.outbox;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Per record key (referral), the committed events not on Kafka yet, oldest first. While a referral
 * has any, only the oldest may be sent: newer ones queue behind it, so one referral's events reach
 * Kafka in the order they were committed even when the broker refused one for a while.
 */
public class PublicationBacklog {

    private final Map<String, LinkedHashSet<String>> waiting = new LinkedHashMap<>();

    /** May this event go now? If not, it joins its referral's queue (once). */
    public synchronized boolean mayGo(OutboundEvent event) {
        LinkedHashSet<String> queue = waiting.get(event.key());
        if (queue == null) {
            return true;
        }
        queue.add(event.id());
        return queue.iterator().next().equals(event.id());
    }

    public synchronized void sent(OutboundEvent event) {
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
