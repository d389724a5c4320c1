package health.backline.scheduling.slots;

import health.backline.events.Pathway;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The scheduling schema's slots. Whether a slot is booked is read from the appointments that hold it. */
@Repository
public class Slots {

    private static final String COLUMNS = "s.id, s.pathway, s.resource, s.location, s.start_at, s.end_at";
    private static final String BOOKED = "EXISTS (SELECT 1 FROM appointment a WHERE a.slot_id = s.id AND a.status = 'BOOKED')";
    private static final String INSERT = """
            INSERT INTO slot (id, pathway, resource, location, start_at, end_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (resource, start_at) DO NOTHING""";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    Slots(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /** Adds the slot unless its resource already has one starting then; empty if it has. */
    Optional<Slot> add(NewSlot slot) {
        UUID id = UUID.randomUUID();
        int added = jdbc.sql(INSERT)
                .params(id, slot.pathway().name(), slot.resource(), slot.location(), Timestamp.from(slot.start()),
                        Timestamp.from(slot.end()))
                .update();
        return added == 1
                ? Optional.of(new Slot(id, slot.pathway(), slot.resource(), slot.location(), slot.start(), slot.end(), false))
                : Optional.empty();
    }

    /**
     * Adds every slot not there yet, {@code batchSize} rows per round trip; slots whose resource
     * already has one at that start are left as they are. Returns how many were added.
     */
    int addMissing(List<NewSlot> slots, int batchSize) {
        int[][] counts = jdbcTemplate.batchUpdate(INSERT, slots, batchSize, (statement, slot) -> {
            statement.setObject(1, UUID.randomUUID());
            statement.setString(2, slot.pathway().name());
            statement.setString(3, slot.resource());
            statement.setString(4, slot.location());
            statement.setTimestamp(5, Timestamp.from(slot.start()));
            statement.setTimestamp(6, Timestamp.from(slot.end()));
        });
        int added = 0;
        for (int[] batch : counts) {
            for (int count : batch) {
                added += Math.max(count, 0);
            }
        }
        return added;
    }

    public Optional<Slot> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + ", " + BOOKED + " AS booked FROM slot s WHERE s.id = ?")
                .param(id).query(Slots::toSlot).optional();
    }

    /** Slots starting in [from, to), of one pathway or of all when {@code pathway} is null, by start. */
    List<Slot> startingBetween(Pathway pathway, Instant from, Instant to) {
        return jdbc.sql("SELECT " + COLUMNS + ", " + BOOKED + " AS booked FROM slot s"
                        + " WHERE s.start_at >= :from AND s.start_at < :to"
                        + (pathway == null ? "" : " AND s.pathway = :pathway")
                        + " ORDER BY s.start_at, s.resource")
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("pathway", pathway == null ? null : pathway.name())
                .query(Slots::toSlot).list();
    }

    /** The pathway's first {@code limit} free slots starting from {@code from}, by start. */
    public List<Slot> freeFrom(Pathway pathway, Instant from, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + ", false AS booked FROM slot s"
                        + " WHERE s.pathway = :pathway AND NOT s.booked AND s.start_at >= :from AND NOT " + BOOKED
                        + " ORDER BY s.start_at, s.resource LIMIT :limit")
                .param("pathway", pathway.name())
                .param("from", Timestamp.from(from))
                .param("limit", limit)
                .query(Slots::toSlot).list();
    }

    /**
     * The slot, locked until the transaction ends (waiting for a booking that holds it to finish).
     * Whether it is booked is as of this statement: only the appointment's unique index can say for sure.
     */
    public Optional<Slot> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + ", " + BOOKED + " AS booked FROM slot s WHERE s.id = ? FOR UPDATE OF s")
                .param(id).query(Slots::toSlot).optional();
    }

    /**
     * The earliest slot of the pathway starting in [from, notAfter] ({@code notAfter} null: no end)
     * that no appointment held when this statement began (the slot's {@code booked} flag finds it in one
     * index step; the appointments decide), leaving out {@code tried}, locked until
     * the transaction ends. With {@code skipLocked}, slots another booking is holding right now are
     * passed over instead of waited for, so concurrent bookings spread over the free slots.
     */
    public Optional<Slot> lockEarliestFree(Pathway pathway, Instant from, Instant notAfter, Collection<UUID> tried,
                                           boolean skipLocked) {
        String sql = "SELECT " + COLUMNS + ", false AS booked FROM slot s"
                + " WHERE s.pathway = :pathway AND NOT s.booked AND s.start_at >= :from"
                + (notAfter == null ? "" : " AND s.start_at <= :notAfter")
                + (tried.isEmpty() ? "" : " AND s.id NOT IN (:tried)")
                + " AND NOT " + BOOKED
                + " ORDER BY s.start_at, s.resource LIMIT 1"
                + " FOR UPDATE OF s" + (skipLocked ? " SKIP LOCKED" : "");
        var statement = jdbc.sql(sql)
                .param("pathway", pathway.name())
                .param("from", Timestamp.from(from));
        if (notAfter != null) {
            statement = statement.param("notAfter", Timestamp.from(notAfter));
        }
        if (!tried.isEmpty()) {
            statement = statement.param("tried", List.copyOf(tried));
        }
        return statement.query(Slots::toSlot).optional();
    }

    private static Slot toSlot(ResultSet rs, int row) throws SQLException {
        return new Slot(rs.getObject("id", UUID.class), Pathway.valueOf(rs.getString("pathway")),
                rs.getString("resource"), rs.getString("location"), rs.getTimestamp("start_at").toInstant(),
                rs.getTimestamp("end_at").toInstant(), rs.getBoolean("booked"));
    }
}
