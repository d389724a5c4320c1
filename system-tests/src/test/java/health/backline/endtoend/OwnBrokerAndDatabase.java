package health.backline.endtoend;

import health.backline.local.BindAddress;
import health.backline.local.LocalKafka;
import health.backline.testsupport.FreePorts;
import health.backline.testsupport.Infrastructure;
import health.backline.testsupport.RealInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * A Kafka broker and a database of their own (on the test support's PostgreSQL server) for the services of one test
 * class: no other test's services share their consumer groups or their rows, and the broker may be stopped and
 * started again on its log.
 */
final class OwnBrokerAndDatabase implements AutoCloseable {

    private final Path brokerLog;
    private final int[] brokerPorts;
    private final String database;
    private LocalKafka broker;

    private OwnBrokerAndDatabase(Path brokerLog, int[] brokerPorts, String database) throws Exception {
        this.brokerLog = brokerLog;
        this.brokerPorts = brokerPorts;
        this.database = database;
        startBrokerAgain();
    }

    /** A new broker and a new database, named {@code <name>_<random>}. */
    static OwnBrokerAndDatabase start(String name) throws Exception {
        String database = name + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Infrastructure infrastructure = RealInfrastructure.get();
        try (Connection server = DriverManager.getConnection(infrastructure.jdbcUrl(), infrastructure.databaseUser(),
                infrastructure.databasePassword()); Statement statement = server.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        return new OwnBrokerAndDatabase(Files.createTempDirectory("backline-" + name + "-kafka"), FreePorts.take(2), database);
    }

    /** The settings that connect a service to these ({@link RunningBackline#connections}). */
    List<String> connections() {
        return RunningBackline.connections(broker.bootstrapServers(), database);
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    String jdbcUrl() {
        Infrastructure infrastructure = RealInfrastructure.get();
        return "jdbc:postgresql://" + infrastructure.databaseHost() + ":" + infrastructure.databasePort() + "/" + database;
    }

    void stopBroker() {
        broker.close();
    }

    /** The broker on its log and ports, as before it stopped. */
    void startBrokerAgain() throws Exception {
        broker = LocalKafka.start(brokerLog, BindAddress.LOOPBACK, brokerPorts[0], brokerPorts[1]);
    }

    @Override
    public void close() {
        broker.close();
    }
}
