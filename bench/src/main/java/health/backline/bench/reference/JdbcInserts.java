package health.backline.bench.reference;

import health.backline.bench.reference.PostgresInsertRate.Measured;
import health.backline.bench.reference.PostgresInsertRate.Server;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Where pgbench is missing: the same one-row INSERT, autocommitted, in a loop on each of {@code clients} connections. */
final class JdbcInserts {

    private final Server server;

    JdbcInserts(Server server) {
        this.server = server;
    }

    Measured measure(int clients, Duration duration) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                connections.add(server.connect());
            }
            // Every connection is open before the clock starts, as pgbench's "without initial connection time".
            long started = System.nanoTime();
            long deadline = started + duration.toNanos();
            List<Future<Long>> counts = new ArrayList<>();
            for (Connection connection : connections) {
                counts.add(threads.submit(() -> insertUntil(connection, deadline)));
            }
            long inserts = 0;
            for (Future<Long> count : counts) {
                inserts += count.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Measured("JDBC loop", clients, seconds, inserts, inserts / seconds);
        } finally {
            threads.shutdownNow();
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    private static long insertUntil(Connection connection, long deadline) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(PostgresInsertRate.INSERT)) {
            long inserts = 0;
            while (System.nanoTime() < deadline) {
                insert.executeUpdate();
                inserts++;
            }
            return inserts;
        }
    }
}
