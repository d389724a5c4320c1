package health.backline.events.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts a business fact once its transaction has committed, so a rolled-back and retried record
 * is counted once. Outside a transaction it counts at once.
 */
public final class Counted {

    private Counted() {
    }

    public static void afterCommit(MeterRegistry meters, String name, String... tags) {
        Runnable count = () -> meters.counter(name, tags).increment();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count.run();
                }
            });
        } else {
            count.run();
        }
    }
}
