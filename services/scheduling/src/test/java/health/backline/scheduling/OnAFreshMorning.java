package health.backline.scheduling;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A scheduling test that starts each test on a day no other test has booked ({@code morning}),
 * and returns the service to real time afterwards.
 */
public abstract class OnAFreshMorning {

    @Autowired
    protected TestClock clock;

    protected Instant morning;

    @Autowired
    private JdbcClient jdbc;

    /** Referrals an earlier test left waiting for a slot would otherwise be booked into this test's freed slots. */
    @BeforeEach
    void startOnAFreshMorning() {
        morning = clock.moveToFreshMorning();
        jdbc.sql("DELETE FROM waiting_referral").update();
    }

    @AfterEach
    void backToRealTime() {
        clock.reset();
    }
}
