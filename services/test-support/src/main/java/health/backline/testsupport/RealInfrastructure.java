package health.backline.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;

/**
 * The one place that decides where tests get their real Kafka broker and real PostgreSQL from:
 * Testcontainers when a Docker engine answers, otherwise an embedded KRaft broker and embedded
 * PostgreSQL. Started once per test JVM and shared by every test in it; the test log says which.
 * Set {@code -Dbackline.test.infrastructure=embedded} or {@code =containers} to choose by hand.
 */
public final class RealInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(RealInfrastructure.class);
    private static Infrastructure started;

    private RealInfrastructure() {
    }

    public static synchronized Infrastructure get() {
        if (started == null) {
            started = useContainers() ? new ContainerInfrastructure() : new EmbeddedInfrastructure();
            started.start();
            log.info("Tests use {}: Kafka at {}, PostgreSQL at {}", started.description(),
                    started.kafkaBootstrapServers(), started.jdbcUrl());
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "stop-test-infrastructure"));
        }
        return started;
    }

    /**
     * Points a Spring Boot test at the shared broker and database, in the properties Backline
     * services read ({@code spring.kafka.bootstrap-servers}, {@code backline.db.*}).
     */
    public static void register(DynamicPropertyRegistry registry) {
        Infrastructure infrastructure = get();
        registry.add("spring.kafka.bootstrap-servers", infrastructure::kafkaBootstrapServers);
        registry.add("backline.db.host", infrastructure::databaseHost);
        registry.add("backline.db.port", infrastructure::databasePort);
        registry.add("backline.db.name", infrastructure::databaseName);
        registry.add("backline.db.user", infrastructure::databaseUser);
        registry.add("backline.db.password", infrastructure::databasePassword);
    }

    private static boolean useContainers() {
        String choice = System.getProperty("backline.test.infrastructure", "auto");
        if (!choice.equals("auto")) {
            return choice.equals("containers");
        }
        boolean dockerConfigured = System.getenv("DOCKER_HOST") != null
                || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"));
        if (!dockerConfigured) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
