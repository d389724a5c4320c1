package health.backline.workflow;

import health.backline.testsupport.WithRealInfrastructure;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A workflow integration test: the whole service on a random port and through MockMvc, metrics and traces as in
 * production, on the real Kafka broker and PostgreSQL of {@link WithRealInfrastructure}. Every class with this
 * configuration shares one Spring context. The job executor is off: a deadline passes when a test moves the
 * engine's clock and runs the timer, so no timer fires in another class's test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "camunda.bpm.job-execution.enabled=false")
@AutoConfigureMockMvc
@AutoConfigureObservability
@WithRealInfrastructure
public @interface WorkflowServiceTest {
}
