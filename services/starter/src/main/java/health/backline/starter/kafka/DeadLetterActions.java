package health.backline.starter.kafka;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What was done with each dead-letter record of this service ({@code dead_letter_action}, in its own schema). */
public class DeadLetterActions {

    record Action(String action, String actor, Instant at, String replayedTo) {
    }

    record Place(String topic, int partition, long offset) {
        @Override
        public String toString() {
            return topic + "/" + partition + "/" + offset;
        }
    }

    private final JdbcClient jdbc;

    public DeadLetterActions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the action; false when the record was already replayed or discarded (the first action stands). */
    boolean record(Place place, String action, String actor, Instant at, String replayedTo) {
        try {
            return jdbc.sql("""
                            INSERT INTO dead_letter_action (dlt_topic, dlt_partition, dlt_offset, action, actor, at, replayed_to)
                            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                    .params(place.topic(), place.partition(), place.offset(), action, actor, Timestamp.from(at), replayedTo)
                    .update() == 1;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    void setReplayedTo(Place place, String replayedTo) {
        jdbc.sql("UPDATE dead_letter_action SET replayed_to = ? WHERE dlt_topic = ? AND dlt_partition = ? AND dlt_offset = ?")
                .params(replayedTo, place.topic(), place.partition(), place.offset())
                .update();
    }

    Optional<Action> of(Place place) {
        return jdbc.sql("""
                        SELECT action, actor, at, replayed_to FROM dead_letter_action
                        WHERE dlt_topic = ? AND dlt_partition = ? AND dlt_offset = ?""")
                .params(place.topic(), place.partition(), place.offset())
                .query((rs, n) -> new Action(rs.getString("action"), rs.getString("actor"),
                        rs.getTimestamp("at").toInstant(), rs.getString("replayed_to")))
                .optional();
    }

    /** The actions on records of these dead-letter topics, by place. */
    Map<Place, Action> onTopics(Collection<String> topics) {
        Map<Place, Action> actions = new HashMap<>();
        if (topics.isEmpty()) {
            return actions;
        }
        jdbc.sql("""
                        SELECT dlt_topic, dlt_partition, dlt_offset, action, actor, at, replayed_to FROM dead_letter_action
                        WHERE dlt_topic = ANY (?)""")
                .param(topics.toArray(String[]::new))
                .query(rs -> {
                    actions.put(new Place(rs.getString("dlt_topic"), rs.getInt("dlt_partition"), rs.getLong("dlt_offset")),
                            new Action(rs.getString("action"), rs.getString("actor"), rs.getTimestamp("at").toInstant(),
                                    rs.getString("replayed_to")));
                });
        return actions;
    }
}
