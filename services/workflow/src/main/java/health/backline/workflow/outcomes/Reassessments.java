package health.backline.workflow.outcomes;

import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code reassessment} table: written once per task, in the transaction of the engine that completes it. */
@Repository
class Reassessments {

    private final JdbcClient jdbc;

    Reassessments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** False when this task's reassessment is recorded already. */
    boolean record(Reassessment r) {
        return jdbc.sql("""
                        INSERT INTO reassessment (task_id, referral_id, pathway, reassessed_at, clinician, outcome,
                            computed_outcome, note, intake_pain_score, pain_score, pain_change, start_back_answers,
                            start_back_total, start_back_psychosocial, start_back_risk)
                        VALUES (?, ?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (task_id) DO NOTHING""")
                .params(r.taskId(), r.referralId(), r.pathway(), Timestamp.from(r.at()), r.clinician(), r.outcome(),
                        r.computedOutcome(), r.note(), r.intakePainScore(), r.painScore(), r.painChange(),
                        r.startBackAnswers() == null ? null : r.startBackAnswers().toString(),
                        r.startBack() == null ? null : r.startBack().total(),
                        r.startBack() == null ? null : r.startBack().psychosocial(),
                        r.startBack() == null ? null : r.startBack().risk().name())
                .update() == 1;
    }
}
