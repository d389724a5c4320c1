package health.backline.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The service's clock in tests: real time, shifted to wherever a test wants "now" to be. Each test
 * that books takes a day of its own in a far-future January ({@link #moveToFreshMorning()}), where
 * it adds its own slots, so neither the seeded capacity nor another test's slots are in its way.
 * Time keeps running from there.
 */
public class TestClock extends Clock {

    private static final Instant FIRST_FRESH_MORNING = Instant.parse("2100-01-04T07:00:00Z");
    private static final AtomicInteger freshDays = new AtomicInteger();

    private final AtomicReference<Duration> shift = new AtomicReference<>(Duration.ZERO);

    @Override
    public Instant instant() {
        return Instant.now().plus(shift.get());
    }

    /** "Now" becomes 07:00 (London and UTC) on a day no other test has used; returns that instant. */
    public Instant moveToFreshMorning() {
        Instant morning = FIRST_FRESH_MORNING.plus(Duration.ofDays(freshDays.getAndIncrement()));
        shift.set(Duration.between(Instant.now(), morning));
        return morning;
    }

    /** Moves "now" to this instant; time keeps running from there. */
    public void moveTo(Instant now) {
        shift.set(Duration.between(Instant.now(), now));
    }

    /** Back to real time. */
    public void reset() {
        shift.set(Duration.ZERO);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        TestClock outer = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return outer.instant();
            }

            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return outer.withZone(other);
            }
        };
    }

    /** Replaces the starter's system clock in every scheduling test context. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        TestClock clock() {
            return new TestClock();
        }
    }
}
