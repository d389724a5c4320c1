package health.backline.starter.kafka;

import java.time.Duration;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Urgent records first, within a service: while any listener thread handles a record of the urgent lane,
 * a routine record waits before its listener runs (holding no database connection), so the service's CPU
 * and connections go to the urgent work. Separate partitions alone do not do this: when the service is
 * busy, every consumer thread gets the same share of the CPU. A routine record waits at most
 * {@code maxWait}, so routine work slows down under urgent load but never stops.
 */
public class UrgentFirst implements RecordInterceptor<Object, Object> {

    private final UrgentLane lane;
    private final long maxWaitNanos;
    /** Guarded by {@code this}; routine threads wait on it until it is back to 0. */
    private int urgentInHand;
    /**
     * Whether this consumer thread counted the record in hand. The container calls {@link #afterRecord} also for
     * records it never passed to {@link #intercept} (one that failed to deserialise, one another interceptor
     * dropped): only a counted record may be counted off, or the count would drift below 0 for good.
     */
    private final ThreadLocal<Boolean> counted = ThreadLocal.withInitial(() -> Boolean.FALSE);

    public UrgentFirst(UrgentLane lane, Duration maxWait) {
        this.lane = lane;
        this.maxWaitNanos = maxWait.toNanos();
    }

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        if (lane.isUrgent(record.partition())) {
            synchronized (this) {
                urgentInHand++;
            }
            counted.set(Boolean.TRUE);
        } else {
            waitForUrgentWork();
        }
        return record;
    }

    @Override
    public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        if (counted.get()) {
            counted.set(Boolean.FALSE);
            synchronized (this) {
                if (--urgentInHand == 0) {
                    notifyAll();
                }
            }
        }
    }

    private synchronized void waitForUrgentWork() {
        long deadline = System.nanoTime() + maxWaitNanos;
        try {
            long left;
            while (urgentInHand > 0 && (left = deadline - System.nanoTime()) > 0) {
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
