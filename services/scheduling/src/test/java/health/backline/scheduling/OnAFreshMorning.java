package health.backline.scheduling;

import health.backline.events.Pathway;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
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

    /** A free slot of half an hour at the test clinic. */
    protected UUID slot(Pathway pathway, String resource, Instant start) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO slot (id, pathway, resource, location, start_at, end_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, pathway.name(), resource, "Test clinic", Timestamp.from(start),
                        Timestamp.from(start.plus(Duration.ofMinutes(30))))
                .update();
        return id;
    }

    @AfterEach
    void backToRealTime() {
        clock.reset();
    }
}
