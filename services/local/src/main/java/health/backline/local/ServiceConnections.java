package health.backline.local;

import java.util.List;
import java.util.Map;

/**
 * Where a service finds Kafka and PostgreSQL, and as whom it logs in to PostgreSQL, as the launcher (and the build's
 * training runs) hand it over: Flyway as the owner, the service as its own runtime role ({@link ServiceDatabase}).
 * The services' defaults cover the rest: database "backline".
 */
record ServiceConnections(String kafkaBootstrapServers, String databaseHost, int databasePort,
                          ServiceCatalog.Service service, DatabasePasswords passwords) {

    List<String> arguments() {
        return List.of(
                "--spring.kafka.bootstrap-servers=" + kafkaBootstrapServers,
                "--backline.db.host=" + databaseHost,
                "--backline.db.port=" + databasePort,
                "--backline.db.owner=" + ServiceDatabase.OWNER,
                "--backline.db.user=" + service.databaseRole(),
                // The embedded default is the one place the contract's default users and passwords are allowed.
                "--backline.security.embedded-default=true");
    }

    /** The database passwords go in the environment, out of sight of other users' {@code ps}. */
    Map<String, String> environment() {
        return Map.of("BACKLINE_DB_OWNER_PASSWORD", passwords.owner(),
                "BACKLINE_DB_PASSWORD", passwords.runtime(service));
    }

    @Override
    public String toString() {
        return "ServiceConnections[" + service.name() + ", " + kafkaBootstrapServers + ", " + databaseHost + ":"
                + databasePort + "]";
    }
}
