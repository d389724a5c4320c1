package health.backline.starter.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong();
    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Limit(10, Duration.ofMinutes(5)),
            new LoginThrottle.Limit(50, Duration.ofMinutes(5)), now::get);

    @Test
    void ten_failures_for_a_user_hold_that_user_back_from_every_address_for_30_seconds() {
        for (int i = 0; i < 9; i++) {
            throttle.failed("clinician", "10.0.0." + i);
        }
        assertThat(throttle.waitFor("clinician", "10.0.0.99")).isZero();
        throttle.failed("clinician", "10.0.0.9");

        assertThat(throttle.waitFor("clinician", "10.0.0.99")).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.waitFor("lead", "10.0.0.1")).as("another user, even from an address that failed once").isZero();
        advance(Duration.ofSeconds(29));
        assertThat(throttle.waitFor("clinician", "10.0.0.99")).isEqualTo(Duration.ofSeconds(1));
        advance(Duration.ofSeconds(1));
        assertThat(throttle.waitFor("clinician", "10.0.0.99")).isZero();
        throttle.failed("clinician", "10.0.0.9");
        assertThat(throttle.waitFor("clinician", "10.0.0.99")).as("then one more try every 30 s").isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void fifty_failures_from_an_address_hold_back_everyone_there_and_no_one_elsewhere() {
        for (int i = 0; i < 50; i++) {
            throttle.failed(null, "192.0.2.7");
        }

        assertThat(throttle.waitFor("frontdesk", "192.0.2.7")).isEqualTo(Duration.ofSeconds(6));
        assertThat(throttle.waitFor(null, "192.0.2.7")).isEqualTo(Duration.ofSeconds(6));
        assertThat(throttle.waitFor("frontdesk", "192.0.2.8")).isZero();
    }

    @Test
    void failures_spread_over_the_window_never_hold_anyone_back() {
        for (int i = 0; i < 100; i++) {
            throttle.failed("clinician", "10.0.0.1");
            advance(Duration.ofSeconds(31));
        }
        assertThat(throttle.waitFor("clinician", "10.0.0.1")).isZero();
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }
}
