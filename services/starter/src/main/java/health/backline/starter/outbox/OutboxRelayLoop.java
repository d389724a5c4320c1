package health.backline.starter.outbox;

import health.backline.starter.outbox.KafkaEventRelay.OutboxSettings;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The relay's own thread. It runs a round as soon as a transaction that stored events commits
 * ({@link #wake()}), at once again while rounds come back full, and otherwise every poll interval,
 * which picks up what a crash, another instance or a resting referral left. A round that fails (the
 * database away) is tried again after the retry interval.
 */
public class OutboxRelayLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelayLoop.class);

    private final KafkaEventRelay relay;
    private final OutboxSettings settings;
    private final Semaphore work = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public OutboxRelayLoop(KafkaEventRelay relay, OutboxSettings settings) {
        this.relay = relay;
        this.settings = settings;
    }

    /** Called after a commit that stored events. */
    public void wake() {
        if (work.availablePermits() == 0) {
            work.release();
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::relayUntilStopped, "outbox-relay");
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        wake();
        try {
            thread.join(settings.sendTimeout().plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the Kafka listeners (whose handling may store events) and before the producer and database close. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }

    private void relayUntilStopped() {
        while (running) {
            try {
                if (relay.relayNextBatch() < settings.batchSize()) {
                    work.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    work.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Outbox relay round failed, next try in {}: {}", settings.retryInterval(), e.getMessage());
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(settings.retryInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
