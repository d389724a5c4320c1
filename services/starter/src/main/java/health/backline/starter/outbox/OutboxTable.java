package health.backline.starter.outbox;

import health.backline.events.Priority;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox's rows ({@code outbox_event}) in the service's own schema, and the 16 lanes they are relayed in.
 * A row lives from the transaction that makes its change until Kafka acknowledged it.
 */
public class OutboxTable {

    /** A stored event and its place in the relay order. */
    record Pending(long position, OutboundEvent event) {
    }

    private final JdbcClient jdbc;

    public OutboxTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the event in the caller's transaction. An urgent (or stat) event makes its referral's older
     * unsent events urgent (or stat) too, so they still leave before it.
     */
    void insert(OutboundEvent event) {
        if (event.stat()) {
            jdbc.sql("UPDATE outbox_event SET urgent = true, stat = true WHERE record_key = ? AND NOT stat")
                    .param(event.key()).update();
        } else if (event.urgent()) {
            jdbc.sql("UPDATE outbox_event SET urgent = true WHERE record_key = ? AND NOT urgent").param(event.key()).update();
        }
        jdbc.sql("""
                        INSERT INTO outbox_event (id, topic, record_key, lane, urgent, stat, type, source, time, data,
                                                  trace_parent)
                        VALUES (?, ?, ?, hashtext(?) & 15, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.fromString(event.id()), event.topic(), event.key(), event.key(), event.urgent(),
                        event.stat(), event.type(), event.source(), Timestamp.from(event.time()), event.data(),
                        event.traceParent())
                .update();
    }

    /**
     * Locks, until the transaction ends, every lane no other relay of this service holds now. Advisory locks,
     * keyed by the service's schema and the lane: they live in memory, where locking rows would write every
     * lane's row at every round.
     */
    List<Integer> lockFreeLanes() {
        return jdbc.sql("""
                        SELECT lane FROM generate_series(0, 15) AS lane
                        WHERE pg_try_advisory_xact_lock(hashtext(current_schema()), lane) ORDER BY lane""")
                .query(Integer.class).list();
    }

    /** The next events of these lanes: stat ones first, then urgent, then oldest first; none of the referrals left out. */
    List<Pending> next(List<Integer> lanes, Collection<String> leaveOut, int limit) {
        return jdbc.sql("""
                        SELECT position, id, type, topic, record_key, urgent, stat, time, source, data, trace_parent
                        FROM outbox_event
                        WHERE lane = ANY(?) AND NOT (record_key = ANY(?))
                        ORDER BY stat DESC, urgent DESC, position LIMIT ?""")
                .params(lanes.toArray(Integer[]::new), leaveOut.toArray(String[]::new), limit)
                .query((row, number) -> new Pending(row.getLong("position"), new OutboundEvent(
                        row.getString("id"), row.getString("type"), row.getString("topic"), row.getString("record_key"),
                        priorityOf(row), row.getTimestamp("time").toInstant(), row.getString("source"),
                        row.getString("data"), row.getString("trace_parent"))))
                .list();
    }

    private static Priority priorityOf(ResultSet row) throws SQLException {
        return row.getBoolean("stat") ? Priority.STAT : row.getBoolean("urgent") ? Priority.URGENT : Priority.ROUTINE;
    }

    /** Kafka acknowledged these: one statement for the whole batch. */
    void delete(List<Long> positions) {
        if (!positions.isEmpty()) {
            jdbc.sql("DELETE FROM outbox_event WHERE position = ANY(?)").param(positions.toArray(Long[]::new)).update();
        }
    }

    long unsent() {
        return jdbc.sql("SELECT count(*) FROM outbox_event").query(Long.class).single();
    }
}
