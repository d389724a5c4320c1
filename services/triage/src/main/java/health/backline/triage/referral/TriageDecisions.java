package health.backline.triage.referral;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.triage.rules.TriageDecision;
import health.backline.triage.rules.TriageFacts;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The audit trail of triage decisions: one per referral, with its inputs. */
@Repository
class TriageDecisions {

    private final JdbcClient jdbc;
    private final ObjectMapper objectMapper;

    TriageDecisions(JdbcClient jdbc, ObjectMapper objectMapper) {
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
    }

    /** Stores the decision unless the referral was triaged before; false if it was. */
    boolean store(UUID referralId, Instant decidedAt, String decisionTable, TriageFacts facts, TriageDecision decision) {
        return jdbc.sql("""
                        INSERT INTO triage_decision (referral_id, decided_at, decision_table, facts, pathway, priority,
                                                     rules, reasons, start_back)
                        VALUES (:id, :at, :table, CAST(:facts AS jsonb), :pathway, :priority, CAST(:rules AS jsonb),
                                CAST(:reasons AS jsonb), CAST(:startBack AS jsonb))
                        ON CONFLICT (referral_id) DO NOTHING""")
                .param("id", referralId)
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
