package health.backline.scheduling;

import health.backline.testsupport.WithRealInfrastructure;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A scheduling integration test: the whole service on a random port, on the real Kafka broker and
 * PostgreSQL of {@link WithRealInfrastructure}, with the {@link TestClock}. Unlike the other services' tests, each
 * test class starts the service afresh. When the classes shared one context, the last-slot race once ended in a
 * PostgreSQL deadlock among its bookings; the likeliest path: the clock is a bean of the context, so a booking
 * request an earlier class left to the service's listener is booked by the next class's clock, on its day.
 * <ul>
 *   <li>The daily seeding run is off: tests move "now" to far-future days where they add their own
 *       slots, and a seeding run then must not fill those days. Start-up seeding stays on.</li>
 *   <li>The sweep that offers free slots to waiting referrals waits an hour: a test that wants it runs it.</li>
 *   <li>The connection pool is larger than the 50 threads of the race tests, so all 50 hold a connection
 *       at once and race for real; with the default pool of 10, 40 of them would wait their turn.</li>
 * </ul>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "backline.scheduling.seed.cron=-",
        "backline.scheduling.offers.sweep=PT1H",
        "spring.datasource.hikari.maximum-pool-size=60"})
@WithRealInfrastructure
@Import(TestClock.Config.class)
@DirtiesContext
public @interface SchedulingServiceTest {
}
