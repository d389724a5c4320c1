package health.backline.testsupport;

import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;

/** Kafka ({@code apache/kafka}, KRaft) and PostgreSQL ({@code postgres}) in containers. */
class ContainerInfrastructure implements Infrastructure {

    private final KafkaContainer kafka = new KafkaContainer("apache/kafka:3.9.1");
    private final PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>("postgres:17-alpine");

    @Override
    public String description() {
        return "Testcontainers (apache/kafka, postgres)";
    }

    @Override
    public void start() {
        kafka.start();
        postgres.start();
    }

    @Override
    public void stop() {
        kafka.stop();
        postgres.stop();
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String databaseHost() {
        return postgres.getHost();
    }

    @Override
    public int databasePort() {
        return postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
    }

    @Override
    public String databaseName() {
        return postgres.getDatabaseName();
    }

    @Override
    public String databaseUser() {
        return postgres.getUsername();
    }

    @Override
    public String databasePassword() {
        return postgres.getPassword();
    }
}
