package health.backline.scheduling.booking;

import health.backline.events.Pathway;
import health.backline.events.Priority;
import health.backline.events.payload.AppointmentRequested;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The referrals waiting for a slot (the workflow's {@code BOOKING_FAILED}), in the order freed slots go to them:
 * most urgent first, then the one that has waited longest. Every change is made under the referral's lock
 * ({@link Appointments#lockReferral}), like its bookings and cancellations.
 */
@Repository
class WaitingList {

    private static final String COLUMNS =
            "referral_id, request_id, requested_at, pathway, priority, not_after, waiting_since";
    private static final String IN_TURN = " ORDER BY pathway, priority_rank, waiting_since, referral_id";

    private final JdbcClient jdbc;

    WaitingList(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The referral waits from now for a slot, for this request (made at {@code requestedAt}, null if unknown); a
     * referral already waiting on the same pathway keeps its place (and its request), one whose earlier wait ended
     * in an offered slot, or that moved to another pathway, waits again from now.
     */
    void add(UUID referralId, String requestId, Instant requestedAt, AppointmentRequested request, Instant now) {
        Priority priority = request.lane();
        jdbc.sql("""
                        INSERT INTO waiting_referral (referral_id, request_id, requested_at, pathway, priority_rank,
                                                      priority, not_after, waiting_since)
                        VALUES (:referralId, :requestId, :requestedAt, :pathway, :rank, :priority, :notAfter, :now)
                        ON CONFLICT (referral_id) DO UPDATE
                          SET request_id = EXCLUDED.request_id, requested_at = EXCLUDED.requested_at,
                              pathway = EXCLUDED.pathway, priority_rank = EXCLUDED.priority_rank,
                              priority = EXCLUDED.priority, not_after = EXCLUDED.not_after,
                              waiting_since = EXCLUDED.waiting_since, offered_appointment_id = NULL
                          WHERE waiting_referral.offered_appointment_id IS NOT NULL
                             OR waiting_referral.pathway <> EXCLUDED.pathway""")
                .param("referralId", referralId)
                .param("requestId", requestId)
                .param("requestedAt", requestedAt == null ? null : Timestamp.from(requestedAt))
                .param("pathway", request.pathway().name())
                .param("rank", priority.ordinal())
                .param("priority", priority.name())
                .param("notAfter", request.notAfter() == null ? null : Timestamp.from(request.notAfter()))
                .param("now", Timestamp.from(now))
                .update();
    }

    /** The referral no longer waits: booked by its own request, or cancelled. */
    void remove(UUID referralId) {
        jdbc.sql("DELETE FROM waiting_referral WHERE referral_id = ?").param(referralId).update();
    }

    /** Takes the referral off the list, unless it waits for a request made after {@code instant}. */
    void removeUnlessAskedAfter(UUID referralId, Instant instant) {
        jdbc.sql("DELETE FROM waiting_referral WHERE referral_id = ? AND (requested_at IS NULL OR requested_at < ?)")
                .params(referralId, Timestamp.from(instant)).update();
    }

    /** A freed slot was booked for the referral: it no longer waits, and a scheduler's later choice books nothing. */
    void offered(UUID referralId, UUID appointmentId) {
        jdbc.sql("UPDATE waiting_referral SET offered_appointment_id = ? WHERE referral_id = ?")
                .params(appointmentId, referralId).update();
    }

    /** The appointment a freed slot gave the referral while it waited, if one did. */
    Optional<UUID> offeredAppointment(UUID referralId) {
        return jdbc.sql("SELECT offered_appointment_id FROM waiting_referral WHERE referral_id = ?"
                        + " AND offered_appointment_id IS NOT NULL")
                .param(referralId).query((rs, row) -> rs.getObject(1, UUID.class)).optional();
    }

    /** The referral, if it waits for a slot. */
    Optional<WaitingReferral> find(UUID referralId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM waiting_referral WHERE referral_id = ? AND offered_appointment_id IS NULL")
                .param(referralId).query(WaitingList::toWaiting).optional();
    }

    /** Every referral waiting for a slot, deadline passed or not, in turn. */
    List<WaitingReferral> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM waiting_referral WHERE offered_appointment_id IS NULL"
                        + IN_TURN)
                .query(WaitingList::toWaiting).list();
    }

    /** Whether the referral still waits, for this request. */
    boolean waits(WaitingReferral waiting) {
        return jdbc.sql("SELECT count(*) FROM waiting_referral WHERE referral_id = ? AND request_id = ?"
                        + " AND offered_appointment_id IS NULL")
                .params(waiting.referralId(), waiting.requestId()).query(Long.class).single() == 1;
    }

    /**
     * Those still waiting whose deadline has not passed at {@code now}, of one pathway or of all when
     * {@code pathway} is null, in turn: most urgent first, then longest waiting.
     */
    List<WaitingReferral> inTurn(Pathway pathway, Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM waiting_referral WHERE offered_appointment_id IS NULL"
                        + " AND (not_after IS NULL OR not_after >= :now)"
                        + (pathway == null ? "" : " AND pathway = :pathway")
                        + IN_TURN)
                .param("now", Timestamp.from(now))
                .param("pathway", pathway == null ? null : pathway.name())
                .query(WaitingList::toWaiting).list();
    }

    private static WaitingReferral toWaiting(ResultSet rs, int row) throws SQLException {
        Timestamp notAfter = rs.getTimestamp("not_after");
        Timestamp requestedAt = rs.getTimestamp("requested_at");
        return new WaitingReferral(rs.getObject("referral_id", UUID.class), rs.getString("request_id"),
                requestedAt == null ? null : requestedAt.toInstant(), Pathway.valueOf(rs.getString("pathway")), Priority.valueOf(rs.getString("priority")),
                notAfter == null ? null : notAfter.toInstant(), rs.getTimestamp("waiting_since").toInstant());
    }
}
