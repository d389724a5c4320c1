package health.backline.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

/**
 * Puts a Spring Boot test on the shared real Kafka broker and PostgreSQL of {@link RealInfrastructure},
 * through the properties Backline services read ({@code spring.kafka.bootstrap-servers}, {@code backline.db.*}).
 * Test classes with the same configuration share one cached context; only one is alive at a time
 * ({@code spring.properties}: a class with another configuration closes the one before), and the last one closes
 * before the infrastructure stops.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextConfiguration(initializers = WithRealInfrastructure.Initializer.class)
public @interface WithRealInfrastructure {

    class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Infrastructure infrastructure = RealInfrastructure.get();
            RealInfrastructure.stopBeforeInfrastructure(context::close); // no context outlives its broker
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("realInfrastructure", Map.of(
                    "spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers(),
                    "backline.db.host", infrastructure.databaseHost(),
                    "backline.db.port", infrastructure.databasePort(),
                    "backline.db.name", infrastructure.databaseName(),
                    "backline.db.user", infrastructure.databaseUser(),
                    "backline.db.password", infrastructure.databasePassword(),
                    // Tests run as the embedded default does: with its users and passwords.
                    "backline.security.embedded-default", "true")));
        }
    }
}
