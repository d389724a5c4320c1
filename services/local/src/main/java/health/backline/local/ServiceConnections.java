package health.backline.local;

import java.util.List;
import java.util.Map;

/**
 * Where a service finds Kafka and PostgreSQL, as the launcher (and the build's training runs) hand it over. The
 * services' defaults cover the rest: database and user "backline".
 */
record ServiceConnections(String kafkaBootstrapServers, String databaseHost, int databasePort, String databasePassword) {

    List<String> arguments() {
        return List.of(
                "--spring.kafka.bootstrap-servers=" + kafkaBootstrapServers,
                "--backline.db.host=" + databaseHost,
                "--backline.db.port=" + databasePort,
                // The embedded default is the one place the contract's default users and passwords are allowed.
                "--backline.security.embedded-default=true");
    }

    /** The database password goes in the environment, out of sight of other users' {@code ps}. */
    Map<String, String> environment() {
        return Map.of("BACKLINE_DB_PASSWORD", databasePassword);
    }

    @Override
    public String toString() {
        return "ServiceConnections[" + kafkaBootstrapServers + ", " + databaseHost + ":" + databasePort + "]";
    }
}
