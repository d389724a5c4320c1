package health.backline.scheduling.booking;

import health.backline.events.Pathway;
import health.backline.scheduling.booking.Appointment.Attendance;
import health.backline.scheduling.booking.Appointment.Status;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The scheduling schema's appointments, and the cancellations asked for each referral. */
@Repository
class Appointments {

    private static final String COLUMNS =
            "id, referral_id, pathway, start_at, end_at, location, resource, status, slot_id, attendance";

    private final JdbcClient jdbc;

    Appointments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Books the appointment, unless its slot is booked already ({@code appointment_one_booking_per_slot})
     * or the request was booked before ({@code appointment_once_per_request}); false then. A concurrent
     * booking of the same slot or request makes this wait for it and then answer false if it committed:
     * never an error.
     */
    boolean insert(Appointment appointment, String requestId, Instant requestedAt, Instant bookedAt) {
        boolean booked = jdbc.sql("""
                        INSERT INTO appointment (id, request_id, requested_at, referral_id, pathway, slot_id, start_at,
                                                 end_at, location, resource, status, booked_at)
                        VALUES (:id, :requestId, :requestedAt, :referralId, :pathway, :slotId, :start,
                                :end, :location, :resource, :status, :bookedAt)
                        ON CONFLICT DO NOTHING""")
                .param("id", appointment.id())
                .param("requestId", requestId)
                .param("requestedAt", requestedAt == null ? null : Timestamp.from(requestedAt))
                .param("referralId", appointment.referralId())
                .param("pathway", appointment.pathway().name())
                .param("slotId", appointment.slotId())
                .param("start", Timestamp.from(appointment.start()))
                .param("end", Timestamp.from(appointment.end()))
                .param("location", appointment.location())
                .param("resource", appointment.resource())
                .param("status", appointment.status().name())
                .param("bookedAt", Timestamp.from(bookedAt))
                .update() == 1;
        if (booked && appointment.slotId() != null) {
            jdbc.sql("UPDATE slot SET booked = true WHERE id = ?").param(appointment.slotId()).update();
        }
        return booked;
    }

    Optional<Appointment> ofRequest(String requestId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM appointment WHERE request_id = ?").param(requestId)
                .query(Appointments::toAppointment).optional();
    }

    /** The appointment, locked until the transaction ends. */
    Optional<Appointment> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM appointment WHERE id = ? FOR UPDATE").param(id)
                .query(Appointments::toAppointment).optional();
    }

    /** Records, once, whether the patient came. */
    void recordAttendance(UUID id, Attendance attendance, Instant at, String by) {
        jdbc.sql("UPDATE appointment SET attendance = ?, attendance_recorded_at = ?, attendance_recorded_by = ?"
                        + " WHERE id = ? AND attendance IS NULL")
                .params(attendance.name(), Timestamp.from(at), by, id).update();
    }

    /** Booked appointments (no ER handoff) that started in [from, to] with no attendance recorded, latest first. */
    List<Appointment> awaitingAttendance(Instant from, Instant to, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM appointment WHERE status = 'BOOKED' AND attendance IS NULL"
                        + " AND pathway <> 'ER_REFERRAL' AND start_at >= ? AND start_at <= ? ORDER BY start_at DESC LIMIT ?")
                .params(Timestamp.from(from), Timestamp.from(to), limit)
                .query(Appointments::toAppointment).list();
    }

    Optional<Appointment> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM appointment WHERE id = ?").param(id)
                .query(Appointments::toAppointment).optional();
    }

    /** A referral's appointments, newest first. */
    List<Appointment> ofReferral(UUID referralId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM appointment WHERE referral_id = ? ORDER BY booked_at DESC, id DESC")
                .param(referralId).query(Appointments::toAppointment).list();
    }

    /**
     * Cancels the referral's booked appointments, which frees their slots; answers the pathway of each one
     * cancelled that held a slot, and how many were cancelled in all. The slots are locked first, in the order a
     * booking takes its locks (slot, then appointment), so a booking of one of them waits for this instead of
     * deadlocking with it.
     */
    Cancelled cancelBooked(UUID referralId, Instant requestedBefore, Instant at, String reason) {
        jdbc.sql("""
                        SELECT s.id FROM slot s JOIN appointment a ON a.slot_id = s.id
                        WHERE a.referral_id = ? AND a.status = 'BOOKED' ORDER BY s.id FOR UPDATE OF s""")
                .param(referralId).query().listOfRows();
        List<Appointment> cancelled = jdbc.sql("""
                        UPDATE appointment SET status = 'CANCELLED', cancelled_at = :at, cancel_reason = :reason
                        WHERE referral_id = :referralId AND status = 'BOOKED'
                          AND (requested_at IS NULL OR requested_at < :requestedBefore)
                        RETURNING\s""" + COLUMNS)
                .param("requestedBefore", Timestamp.from(requestedBefore))
                .param("at", Timestamp.from(at))
                .param("reason", reason)
                .param("referralId", referralId)
                .query(Appointments::toAppointment).list();
        List<UUID> slots = cancelled.stream().map(Appointment::slotId).filter(Objects::nonNull).toList();
        if (!slots.isEmpty()) {
            jdbc.sql("UPDATE slot SET booked = false WHERE id IN (:slots)").param("slots", slots).update();
        }
        return new Cancelled(cancelled.size(), cancelled.stream().filter(a -> a.slotId() != null)
                .map(Appointment::pathway).collect(Collectors.toSet()));
    }

    /** How many appointments a cancellation ended, and the pathways whose slots it freed. */
    record Cancelled(int count, Set<Pathway> freedPathways) {
    }

    /**
     * Holds the referral until the transaction ends, so one referral's booking and cancellation
     * happen one after the other (they come from different topics, in any order, on different threads).
     */
    void lockReferral(UUID referralId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:referralId, 0))")
                .param("referralId", referralId.toString())
                .query().listOfRows();
    }

    /** Remembers the referral's latest cancellation. */
    void recordCancellation(UUID referralId, Instant requestedAt, String reason, Instant receivedAt) {
        jdbc.sql("""
                        INSERT INTO referral_cancellation (referral_id, requested_at, reason, received_at)
                        VALUES (:referralId, :requestedAt, :reason, :receivedAt)
                        ON CONFLICT (referral_id) DO UPDATE
                          SET requested_at = EXCLUDED.requested_at, reason = EXCLUDED.reason,
                              received_at = EXCLUDED.received_at
                          WHERE EXCLUDED.requested_at > referral_cancellation.requested_at""")
                .param("referralId", referralId)
                .param("requestedAt", Timestamp.from(requestedAt))
                .param("reason", reason)
                .param("receivedAt", Timestamp.from(receivedAt))
                .update();
    }

    /** The reason of a cancellation of the referral asked after {@code requestedAt}, if there was one. */
    Optional<String> cancellationAfter(UUID referralId, Instant requestedAt) {
        return jdbc.sql("SELECT reason FROM referral_cancellation WHERE referral_id = ? AND requested_at > ?")
                .params(referralId, Timestamp.from(requestedAt))
                .query(String.class).optional();
    }

    private static Appointment toAppointment(ResultSet rs, int row) throws SQLException {
        return new Appointment(rs.getObject("id", UUID.class), rs.getObject("referral_id", UUID.class),
                Pathway.valueOf(rs.getString("pathway")), rs.getTimestamp("start_at").toInstant(),
                rs.getTimestamp("end_at").toInstant(), rs.getString("location"), rs.getString("resource"),
                Status.valueOf(rs.getString("status")), rs.getObject("slot_id", UUID.class),
                rs.getString("attendance") == null ? null : Attendance.valueOf(rs.getString("attendance")));
    }
}
