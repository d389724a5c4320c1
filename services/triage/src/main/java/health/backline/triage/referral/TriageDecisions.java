package health.backline.triage.referral;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.events.Pathway;
import health.backline.triage.rules.TriageDecision;
import health.backline.triage.rules.TriageFacts;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The audit trail of triage decisions: one per referral and revision (0: the first), with its inputs. */
@Repository
public class TriageDecisions {

    /** Rows the database sends per round trip while a period is read: a period of any length fits in memory. */
    private static final int ROWS_PER_FETCH = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final ObjectMapper objectMapper;

    TriageDecisions(JdbcClient jdbc, JdbcTemplate jdbcTemplate, ObjectMapper objectMapper) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(jdbcTemplate.getDataSource());
        this.streaming.setFetchSize(ROWS_PER_FETCH);
        this.objectMapper = objectMapper;
    }

    /** A stored decision as a replay needs it: the facts the rules saw and what they decided. */
    public record StoredDecision(UUID referralId, TriageFacts facts, Pathway pathway, List<String> rules) {
    }

    /**
     * Hands every decision taken in [from, to) to the consumer, oldest first, a fetch at a time. PostgreSQL sends
     * rows in fetches only inside a transaction, hence the read-only one.
     */
    @Transactional(readOnly = true)
    public void forEachDecidedBetween(Instant from, Instant to, Consumer<StoredDecision> consumer) {
        streaming.query("""
                        SELECT referral_id, facts, pathway, rules FROM triage_decision
                        WHERE decided_at >= ? AND decided_at < ? ORDER BY decided_at, referral_id""",
                (RowCallbackHandler) row -> consumer.accept(new StoredDecision(
                        row.getObject("referral_id", UUID.class),
                        read(row.getString("facts"), TriageFacts.class),
                        Pathway.valueOf(row.getString("pathway")),
                        List.of(read(row.getString("rules"), String[].class)))),
                Timestamp.from(from), Timestamp.from(to));
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return objectMapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored triage decision no longer reads as " + type.getSimpleName(), e);
        }
    }

    /** Stores the decision unless this revision of the referral was triaged before; false if it was. */
    boolean store(UUID referralId, int revision, Instant decidedAt, String decisionTable, TriageFacts facts,
                  TriageDecision decision) {
        return jdbc.sql("""
                        INSERT INTO triage_decision (referral_id, revision, decided_at, decision_table, facts, pathway,
                                                     priority, rules, reasons, start_back)
                        VALUES (:id, :revision, :at, :table, CAST(:facts AS jsonb), :pathway, :priority,
                                CAST(:rules AS jsonb), CAST(:reasons AS jsonb), CAST(:startBack AS jsonb))
                        ON CONFLICT (referral_id, revision) DO NOTHING""")
                .param("id", referralId)
                .param("revision", revision)
                .param("at", Timestamp.from(decidedAt))
                .param("table", decisionTable)
                .param("facts", json(facts))
                .param("pathway", decision.pathway().name())
                .param("priority", decision.priority().code())
                .param("rules", json(decision.rules()))
                .param("reasons", json(decision.reasons()))
                .param("startBack", facts.startBack() == null ? null : json(facts.startBack()))
                .update() == 1;
    }

    private String json(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
