package health.backline.starter.metrics;

import io.micrometer.core.instrument.MeterRegistry;

/** Counts a business fact once its transaction has committed ({@link AfterCommit}). */
public final class Counted {

    private Counted() {
    }

    public static void afterCommit(MeterRegistry meters, String name, String... tags) {
        AfterCommit.run(() -> meters.counter(name, tags).increment());
    }
}
