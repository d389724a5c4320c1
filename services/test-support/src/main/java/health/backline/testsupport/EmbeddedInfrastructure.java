package health.backline.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** An embedded KRaft broker (spring-kafka-test) and embedded PostgreSQL 17 (zonky), in this JVM. */
class EmbeddedInfrastructure implements Infrastructure {

    private EmbeddedKafkaKraftBroker kafka;
    private EmbeddedPostgres postgres;

    @Override
    public String description() {
        return "an embedded KRaft broker and embedded PostgreSQL (no Docker engine)";
    }

    @Override
    public void start() {
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
        }
        kafka = new EmbeddedKafkaKraftBroker(1, 3);
        kafka.afterPropertiesSet();
    }

    /** The broker first: it must not outlive the directories PostgreSQL's shutdown may touch. */
    @Override
    public void stop() {
        if (kafka != null) {
            kafka.destroy();
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBrokersAsString();
    }

    @Override
    public String databaseHost() {
        return "127.0.0.1";
    }

    @Override
    public int databasePort() {
        return postgres.getPort();
    }

    @Override
    public String databaseName() {
        return "postgres";
    }

    @Override
    public String databaseUser() {
        return "postgres";
    }

    @Override
    public String databasePassword() {
        return "postgres";
    }
}
