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
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("realInfrastructure", Map.of(
                    "spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers(),
                    "backline.db.host", infrastructure.databaseHost(),
                    "backline.db.port", infrastructure.databasePort(),
                    "backline.db.name", infrastructure.databaseName(),
                    "backline.db.user", infrastructure.databaseUser(),
                    "backline.db.password", infrastructure.databasePassword())));
        }
    }
}
