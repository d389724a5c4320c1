package health.backline.intake.referral;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.events.Pathway;
import health.backline.events.ReferralStatus;
import health.backline.events.intake.Intake;
import health.backline.events.payload.Appointment;
import health.backline.intake.referral.ReferralView.PatientSummary;
import health.backline.intake.referral.ReferralView.TimelineEntry;
import health.backline.intake.referral.ReferralView.TriageSummary;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The intake schema's referrals and their timelines. */
@Repository
public class Referrals {

    private static final String COLUMNS =
            "id, submitted_at, status, return_reason, status_due, pathway, intake, triage, appointment";

    private final JdbcClient jdbc;
    private final ObjectMapper objectMapper;

    Referrals(JdbcClient jdbc, ObjectMapper objectMapper) {
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
    }

    /** Inserts the referral unless its idempotency key is taken; false if it was. */
    boolean insert(UUID id, Instant submittedAt, Intake intake, String idempotencyKey) {
        return jdbc.sql("""
                        INSERT INTO referral (id, submitted_at, status, status_at, intake, idempotency_key, updated_at)
                        VALUES (:id, :submittedAt, :status, :submittedAt, CAST(:intake AS jsonb), :key, :submittedAt)
                        ON CONFLICT (idempotency_key) DO NOTHING""")
                .param("id", id)
                .param("submittedAt", Timestamp.from(submittedAt))
                .param("status", ReferralStatus.SUBMITTED.name())
                .param("intake", json(intake))
                .param("key", idempotencyKey)
                .update() == 1;
    }

    public void addToTimeline(UUID referralId, Instant at, ReferralStatus status, String detail) {
        jdbc.sql("INSERT INTO referral_timeline (referral_id, at, status, detail) VALUES (?, ?, ?, ?)")
                .params(referralId, Timestamp.from(at), status.name(), detail)
                .update();
    }

    public Optional<ReferralView> find(UUID id) {
        return findStored(id).map(StoredReferral::view);
    }

    /** The referral with its intake as recorded: what the FHIR facade shows. */
    public Optional<StoredReferral> findWithIntake(UUID id) {
        return findStored(id);
    }

    /** The referral whose id a client wrote: empty for an unknown id, or text that is no id at all. */
    public Optional<StoredReferral> findWithIntake(String id) {
        return idOf(id).flatMap(this::findStored);
    }

    /** The referral id a client wrote, if it is one. */
    public static Optional<UUID> idOf(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    Optional<StoredReferral> findByIdempotencyKey(String key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM referral WHERE idempotency_key = ?").param(key)
                .query(this::toStored).optional().map(this::withTimeline);
    }

    /** The referral, locked until the transaction ends, so concurrent events about it apply one after another. */
    public Optional<ReferralView> lock(UUID id) {
        return lockWithIntake(id).map(StoredReferral::view);
    }

    /** The referral with its intake as recorded, locked until the transaction ends. */
    Optional<StoredReferral> lockWithIntake(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM referral WHERE id = ? FOR UPDATE").param(id)
                .query(this::toStored).optional();
    }

    /** Stores the intake as new findings revised it; the revision's number (1 for the first). */
    int reviseIntake(UUID id, Intake revised, Instant at) {
        return jdbc.sql("""
                        UPDATE referral SET intake = CAST(:intake AS jsonb), findings_revision = findings_revision + 1,
                               updated_at = :at
                        WHERE id = :id
                        RETURNING findings_revision""")
                .param("intake", json(revised))
                .param("at", Timestamp.from(at))
                .param("id", id)
                .query(Integer.class).single();
    }

    /** Stores triage's answers (the first, and its revisions) without touching status or pathway. */
    public void recordTriageRevisions(UUID id, TriageSummary triage) {
        jdbc.sql("UPDATE referral SET triage = CAST(:triage AS jsonb), updated_at = now() WHERE id = :id")
                .param("triage", json(triage))
                .param("id", id)
                .update();
    }

    public void recordTriage(UUID id, TriageSummary triage, Pathway pathway, ReferralStatus status, Instant at) {
        jdbc.sql("""
                        UPDATE referral SET triage = CAST(:triage AS jsonb), pathway = :pathway, status = :status,
                               status_due = NULL, updated_at = :at
                        WHERE id = :id""")
                .param("triage", json(triage))
                .param("pathway", pathway == null ? null : pathway.name())
                .param("status", status.name())
                .param("at", Timestamp.from(at))
                .param("id", id)
                .update();
    }

    /**
     * Applies a status the workflow reported, with the deadline of whoever it waits for (or null) and, for
     * RETURNED, the reason (null otherwise), unless a later report was applied already; false if it was older.
     */
    public boolean recordStatus(UUID id, ReferralStatus status, Pathway pathway, Instant reportedAt, Instant due,
                                String returnReason) {
        return jdbc.sql("""
                        UPDATE referral SET status = :status, pathway = COALESCE(:pathway, pathway), status_at = :at,
                               status_due = :due, return_reason = :returnReason, updated_at = now()
                        WHERE id = :id AND status_at <= :at""")
                .param("status", status.name())
                .param("returnReason", returnReason)
                .param("due", due == null ? null : Timestamp.from(due))
                .param("pathway", pathway == null ? null : pathway.name())
                .param("at", Timestamp.from(reportedAt))
                .param("id", id)
                .update() == 1;
    }

    public void recordAppointment(UUID id, Appointment appointment) {
        jdbc.sql("UPDATE referral SET appointment = CAST(:appointment AS jsonb), updated_at = now() WHERE id = :id")
                .param("appointment", appointment == null ? null : json(appointment))
                .param("id", id)
                .update();
    }

    ReferralPage page(ReferralStatus status, Pathway pathway, int page, int size) {
        ReferralFilter filter = ReferralFilter.ALL.withStatus(status).withPathway(pathway);
        return new ReferralPage(views(select(filter, (long) page * size, size)), page, size, count(filter));
    }

    /** The referrals submitted from {@code from} (inclusive) to {@code to} (exclusive), newest first: the board's day. */
    public ReferralPage submittedBetween(Instant from, Instant to, ReferralStatus status, Pathway pathway, int size) {
        ReferralFilter filter = ReferralFilter.ALL.withStatus(status).withPathway(pathway).submittedBetween(from, to);
        return new ReferralPage(views(select(filter, 0, size)), 0, size, count(filter));
    }

    /** How many referrals the filter finds. */
    public long count(ReferralFilter filter) {
        return jdbc.sql("SELECT count(*) FROM referral" + filter.where()).params(filter.params())
                .query(Long.class).single();
    }

    /** The referrals the filter finds, newest first, with their intakes: {@code limit} of them from {@code offset}. */
    public List<StoredReferral> select(ReferralFilter filter, long offset, int limit) {
        List<StoredReferral> rows = jdbc.sql("SELECT " + COLUMNS + " FROM referral" + filter.where()
                        + " ORDER BY submitted_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .params(filter.params())
                .param("limit", limit).param("offset", offset)
                .query(this::toStored).list();
        Map<UUID, List<TimelineEntry>> timelines = timelines(rows.stream().map(r -> r.view().id()).toList());
        return rows.stream()
                .map(r -> r.withTimeline(timelines.getOrDefault(r.view().id(), List.of())))
                .toList();
    }

    private static List<ReferralView> views(List<StoredReferral> referrals) {
        return referrals.stream().map(StoredReferral::view).toList();
    }

    /** The referral a submission with this idempotency key made, if any. */
    public Optional<UUID> idOfIdempotencyKey(String key) {
        return jdbc.sql("SELECT id FROM referral WHERE idempotency_key = ?").param(key).query(UUID.class).optional();
    }

    private Optional<StoredReferral> findStored(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM referral WHERE id = ?").param(id)
                .query(this::toStored).optional().map(this::withTimeline);
    }

    private StoredReferral withTimeline(StoredReferral stored) {
        UUID id = stored.view().id();
        return stored.withTimeline(timelines(List.of(id)).getOrDefault(id, List.of()));
    }

    private Map<UUID, List<TimelineEntry>> timelines(List<UUID> ids) {
        Map<UUID, List<TimelineEntry>> byReferral = new HashMap<>();
        if (ids.isEmpty()) {
            return byReferral;
        }
        jdbc.sql("SELECT referral_id, at, status, detail FROM referral_timeline WHERE referral_id IN (:ids) ORDER BY id")
                .param("ids", ids)
                .query((rs, n) -> {
                    byReferral.computeIfAbsent(rs.getObject("referral_id", UUID.class), k -> new ArrayList<>())
                            .add(new TimelineEntry(rs.getTimestamp("at").toInstant(),
                                    ReferralStatus.valueOf(rs.getString("status")), rs.getString("detail")));
                    return null;
                })
                .list();
        return byReferral;
    }

    private StoredReferral toStored(ResultSet rs, int row) throws SQLException {
        Intake intake = read(rs.getString("intake"), Intake.class);
        String pathway = rs.getString("pathway");
        ReferralView view = new ReferralView(
                rs.getObject("id", UUID.class),
                ReferralStatus.valueOf(rs.getString("status")),
                rs.getString("return_reason"),
                rs.getTimestamp("submitted_at").toInstant(),
                new PatientSummary(intake.patient().mrn(), intake.patient().givenName(),
                        intake.patient().familyName(), intake.patient().birthDate()),
                read(rs.getString("triage"), TriageSummary.class),
                pathway == null ? null : Pathway.valueOf(pathway),
                read(rs.getString("appointment"), Appointment.class),
                List.of());
        Timestamp due = rs.getTimestamp("status_due");
        return new StoredReferral(view, intake, due == null ? null : due.toInstant());
    }

    private <T> T read(String json, Class<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return objectMapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored " + type.getSimpleName() + " cannot be read", e);
        }
    }

    private String json(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
