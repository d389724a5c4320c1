package health.backline.starter.metrics;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records a business fact once its transaction has committed, so a rolled-back and retried record
 * is recorded once. Outside a transaction it records at once.
 */
public final class AfterCommit {

    private AfterCommit() {
    }

    public static void run(Runnable recording) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    recording.run();
                }
            });
        } else {
            recording.run();
        }
    }
}
