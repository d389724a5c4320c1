package health.backline.scheduling;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A scheduling test that starts each test on a day no other test has booked ({@code morning}),
 * and returns the service to real time afterwards.
 */
public abstract class OnAFreshMorning {

    @Autowired
    protected TestClock clock;

    protected Instant morning;

    @BeforeEach
    void startOnAFreshMorning() {
        morning = clock.moveToFreshMorning();
    }

    @AfterEach
    void backToRealTime() {
        clock.reset();
    }
}
