package health.backline.testsupport;

/** A running Kafka broker and PostgreSQL server for tests. */
public interface Infrastructure {

    String description();

    void start();

    void stop();

    String kafkaBootstrapServers();

    String databaseHost();

    int databasePort();

    String databaseName();

    String databaseUser();

    String databasePassword();

    default String jdbcUrl() {
        return "jdbc:postgresql://" + databaseHost() + ":" + databasePort() + "/" + databaseName();
    }
}
