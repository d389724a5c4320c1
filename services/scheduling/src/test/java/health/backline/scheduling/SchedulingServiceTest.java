package health.backline.scheduling;

import health.backline.testsupport.WithRealInfrastructure;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A scheduling integration test: the whole service on a random port, on the real Kafka broker and
 * PostgreSQL of {@link WithRealInfrastructure}, with the {@link TestClock}. Every test class carries
 * exactly this, so they all share one running service (one Spring context).
 * <ul>
 *   <li>The daily seeding run is off: tests move "now" to far-future days where they add their own
 *       slots, and a seeding run then must not fill those days. Start-up seeding stays on.</li>
 *   <li>The connection pool is larger than the 50 threads of the race tests. Each publishing
 *       transaction briefly needs a second connection after it commits (the outbox marks the event
 *       sent in a transaction of its own while the first connection is still held), so 50 threads
 *       on 10 connections can hold all 10 while each waits for another. The service's own listeners
 *       publish from at most one thread per topic, far below the default pool of 10.</li>
 * </ul>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "backline.scheduling.seed.cron=-",
        "spring.datasource.hikari.maximum-pool-size=60"})
@WithRealInfrastructure
@Import(TestClock.Config.class)
public @interface SchedulingServiceTest {
}
