package health.backline.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * The one place that decides where tests get their real Kafka broker and real PostgreSQL from:
 * Testcontainers when a Docker engine answers, otherwise an embedded KRaft broker and embedded
 * PostgreSQL. Started once per test JVM and shared by every test in it; the test log says which.
 * Set {@code -Dbackline.test.infrastructure=embedded} or {@code =containers} to choose by hand.
 * Spring Boot tests use it through {@link WithRealInfrastructure}.
 */
public final class RealInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(RealInfrastructure.class);
    private static Infrastructure started;
    private static final java.util.Deque<AutoCloseable> users = new java.util.ArrayDeque<>();

    private RealInfrastructure() {
    }

    public static synchronized Infrastructure get() {
        if (started == null) {
            started = useContainers() ? new ContainerInfrastructure() : new EmbeddedInfrastructure();
            started.start();
            log.info("Tests use {}: Kafka at {}, PostgreSQL at {}", started.description(),
                    started.kafkaBootstrapServers(), started.jdbcUrl());
        }
        return started;
    }


    /** Something running on the infrastructure (services started by a test) that must stop before it, last first. */
    public static synchronized void stopBeforeInfrastructure(AutoCloseable user) {
        users.push(user);
    }

    /**
     * Stops what {@link #get()} started, broker first. Called when the test run ends, after every
     * test class has closed its Spring context and before the JVM's shutdown hooks (the embedded
     * broker's temporary directories are deleted by one of those).
     */
    static synchronized void stop() {
        while (!users.isEmpty()) {
            try {
                users.pop().close();
            } catch (Exception e) {
                log.warn("Could not stop {} before the infrastructure", e.getMessage());
            }
        }
        if (started != null) {
            started.stop();
            started = null;
        }
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
