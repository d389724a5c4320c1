package health.backline.starter.outbox;

import health.backline.events.Pathway;
import health.backline.events.ReferralStatus;
import health.backline.events.payload.ReferralStatusChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Eight threads committing one event per transaction, as the services do: each takes an eighth of the
 * referrals and commits their status changes with details "0", "1", ... in that order, so a reader can
 * tell whether each referral's events arrived in order.
 */
final class EightCommittingThreads {

    private static final int THREADS = 8;

    private EightCommittingThreads() {
    }

    static void commit(TransactionTemplate transaction, EventOutbox outbox, List<String> referrals, int eventsEach)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int slice = 0; slice < THREADS; slice++) {
                List<String> mine = referrals.subList(slice * referrals.size() / THREADS,
                        (slice + 1) * referrals.size() / THREADS);
                work.add(threads.submit(() -> {
                    for (int n = 0; n < eventsEach; n++) {
                        String detail = Integer.toString(n);
                        mine.forEach(referral -> transaction.executeWithoutResult(tx -> outbox.publish(
                                new ReferralStatusChanged(referral, ReferralStatus.SCHEDULED, Pathway.PHYSICAL_THERAPY,
                                        detail, Instant.now()))));
                    }
                }));
            }
            for (Future<?> done : work) {
                done.get(10, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdown();
        }
    }
}
