package health.backline.scheduling.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.events.EventType;
import health.backline.events.Pathway;
import health.backline.events.Priority;
import health.backline.events.Topics;
import health.backline.events.payload.AppointmentCancelRequested;
import health.backline.events.payload.AppointmentRequested;
import health.backline.scheduling.OnAFreshMorning;
import health.backline.scheduling.SchedulingServiceTest;
import health.backline.scheduling.booking.BookingOutcome.AlreadyBooked;
import health.backline.testsupport.ConsumerProgress;
import health.backline.testsupport.KafkaRecords;
import health.backline.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Booking from appointments.requested and cancelling from appointments.cancel, against a real Kafka and PostgreSQL. */
@SchedulingServiceTest
@ExtendWith(OutputCaptureExtension.class)
class BookingIT extends OnAFreshMorning {

    private static final String BOOKED = EventType.APPOINTMENT_BOOKED.type();
    private static final String FAILED = EventType.APPOINTMENT_FAILED.type();

    @Autowired
    BookingService booking;

    @Autowired
    ObjectMapper objectMapper;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    KafkaRecords outcomes;

    @BeforeEach
    void watchOutcomes() {
        outcomes = KafkaRecords.of(RealInfrastructure.get(), Topics.APPOINTMENTS_OUTCOME);
    }

    @Test
    void a_physiotherapy_request_is_booked_in_the_earliest_free_slot_before_its_deadline() throws Exception {
        slot(Pathway.PHYSICAL_THERAPY, "PT-A", morning.plus(Duration.ofHours(3)));
        UUID earliest = slot(Pathway.PHYSICAL_THERAPY, "PT-B", morning.plus(Duration.ofHours(2)));
        slot(Pathway.PRIMARY_CARE_FOLLOW_UP, "GP-A", morning.plus(Duration.ofHours(1)));
        String referral = UUID.randomUUID().toString();

        request(AppointmentRequested.earliestBefore(referral, Pathway.PHYSICAL_THERAPY, morning.plus(Duration.ofDays(14))));

        ConsumerRecord<String, byte[]> outcome = outcomes.await(r -> r.key().equals(referral));
        assertThat(header(outcome, "ce_type")).isEqualTo("backline.appointment.booked.v1");
        assertThat(header(outcome, "ce_source")).isEqualTo("/backline/scheduling");
        JsonNode data = objectMapper.readTree(outcome.value());
        assertThat(data.get("referralId").asText()).isEqualTo(referral);
        assertThat(data.get("pathway").asText()).isEqualTo("PHYSICAL_THERAPY");
        assertThat(Instant.parse(data.get("start").asText())).isEqualTo(morning.plus(Duration.ofHours(2)));
        assertThat(Instant.parse(data.get("end").asText())).isEqualTo(morning.plus(Duration.ofMinutes(150)));
        assertThat(data.get("location").asText()).isEqualTo("Test clinic");
        assertThat(data.get("resource").asText()).isEqualTo("PT-B");
        assertThat(booked(earliest)).isEqualTo(1);
    }

    @Test
    void a_request_with_no_free_slot_before_its_deadline_fails_with_a_reason_a_scheduler_understands() throws Exception {
        slot(Pathway.PHYSICAL_THERAPY, "PT-A", morning.plus(Duration.ofHours(5)));
        String referral = UUID.randomUUID().toString();
        Instant deadline = morning.plus(Duration.ofHours(4));
        double failedBefore = bookings("failed");
        double bookedBefore = bookings("booked");

        request(AppointmentRequested.earliestBefore(referral, Pathway.PHYSICAL_THERAPY, deadline));

        ConsumerRecord<String, byte[]> outcome = outcomes.await(r -> r.key().equals(referral));
        assertThat(header(outcome, "ce_type")).isEqualTo("backline.appointment.failed.v1");
        assertThat(objectMapper.readTree(outcome.value()).get("reason").asText())
                .isEqualTo("No free PHYSICAL_THERAPY slot before " + deadline);
        assertThat(appointmentsOf(referral)).isZero();
        // Counted after the commit, which the outcome's relay may overtake.
        await().atMost(Duration.ofSeconds(10)).until(() -> bookings("failed") == failedBefore + 1);
        assertThat(bookings("booked")).isEqualTo(bookedBefore);
    }

    @Test
    void the_same_request_delivered_twice_is_booked_once() throws Exception {
        UUID first = slot(Pathway.PRIMARY_CARE_FOLLOW_UP, "GP-A", morning.plus(Duration.ofHours(2)));
        UUID second = slot(Pathway.PRIMARY_CARE_FOLLOW_UP, "GP-A", morning.plus(Duration.ofHours(3)));
        String referral = UUID.randomUUID().toString();
        var request = AppointmentRequested.earliestBefore(referral, Pathway.PRIMARY_CARE_FOLLOW_UP, morning.plus(Duration.ofDays(7)));
        String requestId = UUID.randomUUID().toString();

        request(request, requestId);
        RecordMetadata again = request(request, requestId);

        outcomes.await(r -> r.key().equals(referral));
        ConsumerProgress.awaitHandled(RealInfrastructure.get(), "scheduling-appointment-requests", again);
        // Handled twice, published once: nothing more waits in the outbox, and Kafka holds one outcome.
        assertThat(unsentEventsOf(referral)).isZero();
        assertThat(outcomes.allUpToNow()).filteredOn(r -> r.key().equals(referral)).hasSize(1);
        assertThat(appointmentsOf(referral)).isOne();
        assertThat(booked(first)).isOne();
        assertThat(booked(second)).isZero();
        // Past the inbox too: the request id is unique in the appointments themselves.
        assertThat(booking.book(requestId, null, request)).isInstanceOf(AlreadyBooked.class);
        assertThat(appointmentsOf(referral)).isOne();
        assertThat(booked(second)).isZero();
    }

    @Test
    void an_er_handoff_is_booked_at_once_at_the_emergency_department() throws Exception {
        String referral = UUID.randomUUID().toString();

        request(new AppointmentRequested(referral, Pathway.ER_REFERRAL, Priority.STAT, null, null));

        ConsumerRecord<String, byte[]> outcome = outcomes.await(r -> r.key().equals(referral));
        assertThat(header(outcome, "ce_type")).isEqualTo(BOOKED);
        JsonNode data = objectMapper.readTree(outcome.value());
        assertThat(data.get("pathway").asText()).isEqualTo("ER_REFERRAL");
        assertThat(data.get("location").asText()).isEqualTo("Emergency department");
        assertThat(data.get("resource").asText()).isEqualTo("ED");
        Instant start = Instant.parse(data.get("start").asText());
        assertThat(start).isBetween(morning, clock.instant());
        assertThat(Instant.parse(data.get("end").asText())).isEqualTo(start.plus(Duration.ofHours(1)));
        assertThat(jdbc.sql("SELECT slot_id FROM appointment WHERE referral_id = ?").param(UUID.fromString(referral))
                .query().singleRow()).containsEntry("slot_id", null);
    }

    @Test
    void the_slot_a_scheduler_chose_is_booked_exactly_or_the_request_says_why_not() throws Exception {
        UUID earlier = slot(Pathway.URGENT_IMAGING, "MRI-A", morning.plus(Duration.ofHours(1)));
        UUID chosen = slot(Pathway.URGENT_IMAGING, "MRI-A", morning.plus(Duration.ofHours(10)));
        String referral = UUID.randomUUID().toString();

        request(AppointmentRequested.slot(referral, Pathway.URGENT_IMAGING, chosen));

        JsonNode booked = objectMapper.readTree(outcomes.await(r -> r.key().equals(referral)).value());
        assertThat(Instant.parse(booked.get("start").asText())).isEqualTo(morning.plus(Duration.ofHours(10)));
        assertThat(booked(chosen)).isOne();
        assertThat(flaggedBooked(chosen)).isTrue();
        assertThat(booked(earlier)).isZero();
        assertThat(flaggedBooked(earlier)).isFalse();

        String another = UUID.randomUUID().toString();
        request(AppointmentRequested.slot(another, Pathway.URGENT_IMAGING, chosen));
        assertThat(reason(another)).isEqualTo("Slot MRI-A at " + morning.plus(Duration.ofHours(10)) + " is already booked");

        String wrongPathway = UUID.randomUUID().toString();
        request(AppointmentRequested.slot(wrongPathway, Pathway.PHYSICAL_THERAPY, earlier));
        assertThat(reason(wrongPathway)).isEqualTo("Slot MRI-A at " + morning.plus(Duration.ofHours(1))
                + " is a URGENT_IMAGING slot, not PHYSICAL_THERAPY");

        String unknown = UUID.randomUUID().toString();
        UUID noSuchSlot = UUID.randomUUID();
        request(AppointmentRequested.slot(unknown, Pathway.URGENT_IMAGING, noSuchSlot));
        assertThat(reason(unknown)).isEqualTo("Slot " + noSuchSlot + " does not exist");
        assertThat(booked(earlier)).isZero();
    }

    @Test
    void cancelling_frees_the_slot_so_the_next_referral_can_book_it() throws Exception {
        UUID only = slot(Pathway.PHYSICAL_THERAPY, "PT-A", morning.plus(Duration.ofHours(2)));
        Instant deadline = morning.plus(Duration.ofDays(14));
        String first = UUID.randomUUID().toString();
        request(AppointmentRequested.earliestBefore(first, Pathway.PHYSICAL_THERAPY, deadline));
        assertThat(header(outcomes.await(r -> r.key().equals(first)), "ce_type")).isEqualTo(BOOKED);

        send(Topics.APPOINTMENTS_CANCEL, first, UUID.randomUUID().toString(),
                EventType.APPOINTMENT_CANCEL_REQUESTED.type(), new AppointmentCancelRequested(first, "Patient moved away"), null);

        await().atMost(Duration.ofSeconds(30)).until(() -> booked(only) == 0);
        assertThat(flaggedBooked(only)).as("the slot's search flag follows its appointments").isFalse();
        assertThat(jdbc.sql("SELECT status, cancel_reason, cancelled_at FROM appointment WHERE referral_id = ?")
                .param(UUID.fromString(first)).query().singleRow())
                .containsEntry("status", "CANCELLED").containsEntry("cancel_reason", "Patient moved away")
                .extractingByKey("cancelled_at").isNotNull();

        String next = UUID.randomUUID().toString();
        request(AppointmentRequested.earliestBefore(next, Pathway.PHYSICAL_THERAPY, deadline));
        ConsumerRecord<String, byte[]> outcome = outcomes.await(r -> r.key().equals(next));
        assertThat(header(outcome, "ce_type")).isEqualTo(BOOKED);
        assertThat(Instant.parse(objectMapper.readTree(outcome.value()).get("start").asText()))
                .isEqualTo(morning.plus(Duration.ofHours(2)));
        assertThat(booked(only)).isOne();
        assertThat(flaggedBooked(only)).isTrue();
    }

    @Test
    void a_cancellation_is_logged_by_referral_id_without_its_free_text_reason(CapturedOutput log) {
        String referral = UUID.randomUUID().toString();
        String reason = "Ada Lovelace moved to Leeds, MRN-77 closed";

        Instant asked = clock.instant().minusSeconds(60);
        booking.cancel(new AppointmentCancelRequested(referral, reason), null);
        booking.book(UUID.randomUUID().toString(), asked,
                AppointmentRequested.earliestBefore(referral, Pathway.PHYSICAL_THERAPY, morning.plus(Duration.ofDays(1))));

        assertThat(log.getAll()).contains("Referral " + referral + ": 0 appointment(s) cancelled")
                .contains("for referral " + referral + " was overtaken by its cancellation")
                .doesNotContain(reason);
    }

    @Test
    void a_cancellation_that_overtakes_its_request_leaves_nothing_booked() throws Exception {
        slot(Pathway.PHYSICAL_THERAPY, "PT-A", morning.plus(Duration.ofHours(2)));
        slot(Pathway.PHYSICAL_THERAPY, "PT-A", morning.plus(Duration.ofHours(3)));
        String referral = UUID.randomUUID().toString();
        Instant deadline = morning.plus(Duration.ofDays(14));
        Instant asked = clock.instant();
        // The workflow asked for a booking, then cancelled; the cancellation is handled first.
        send(Topics.APPOINTMENTS_CANCEL, referral, UUID.randomUUID().toString(),
                EventType.APPOINTMENT_CANCEL_REQUESTED.type(), new AppointmentCancelRequested(referral, "Referral cancelled"),
                asked.plusSeconds(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM referral_cancellation WHERE referral_id = ?").param(UUID.fromString(referral))
                .query(Long.class).single() == 1);

        send(Topics.APPOINTMENTS_REQUESTED, referral, UUID.randomUUID().toString(), EventType.APPOINTMENT_REQUESTED.type(),
                AppointmentRequested.earliestBefore(referral, Pathway.PHYSICAL_THERAPY, deadline), asked);
        // A request made after the cancellation (same partition, so handled after the stale one) is booked.
        send(Topics.APPOINTMENTS_REQUESTED, referral, UUID.randomUUID().toString(), EventType.APPOINTMENT_REQUESTED.type(),
                AppointmentRequested.earliestBefore(referral, Pathway.PHYSICAL_THERAPY, deadline), asked.plusSeconds(2));

        ConsumerRecord<String, byte[]> outcome = outcomes.await(r -> r.key().equals(referral));
        assertThat(header(outcome, "ce_type")).isEqualTo(BOOKED);
        assertThat(outcomes.received().stream().filter(r -> r.key().equals(referral))).hasSize(1);
        assertThat(appointmentsOf(referral)).isOne();
        assertThat(Instant.parse(objectMapper.readTree(outcome.value()).get("start").asText()))
                .isEqualTo(morning.plus(Duration.ofHours(2)));
    }

    @Test
    void a_new_pathways_request_that_overtakes_the_cancellation_asked_before_it_stays_booked() throws Exception {
        UUID physio = slot(Pathway.PHYSICAL_THERAPY, "PT-A", morning.plus(Duration.ofHours(2)));
        String referral = UUID.randomUUID().toString();
        Instant asked = clock.instant();
        send(Topics.APPOINTMENTS_REQUESTED, referral, UUID.randomUUID().toString(), EventType.APPOINTMENT_REQUESTED.type(),
                AppointmentRequested.earliestBefore(referral, Pathway.PHYSICAL_THERAPY, morning.plus(Duration.ofDays(14))),
                asked);
        outcomes.await(r -> r.key().equals(referral));
        // New findings: the workflow cancelled the booking, then asked for an ER handoff, in one transaction. The
        // two travel on different topics; here the request arrives first.
        send(Topics.APPOINTMENTS_REQUESTED, referral, UUID.randomUUID().toString(), EventType.APPOINTMENT_REQUESTED.type(),
                AppointmentRequested.earliestBefore(referral, Pathway.ER_REFERRAL, null), asked.plusSeconds(2));
        await().atMost(Duration.ofSeconds(30)).until(() -> appointmentsOf(referral) == 2);
        send(Topics.APPOINTMENTS_CANCEL, referral, UUID.randomUUID().toString(),
                EventType.APPOINTMENT_CANCEL_REQUESTED.type(),
                new AppointmentCancelRequested(referral, "New findings: the referral moves to ER_REFERRAL"), asked.plusSeconds(1));

        await().atMost(Duration.ofSeconds(30)).until(() -> booked(physio) == 0);
        assertThat(jdbc.sql("SELECT pathway || ' ' || status FROM appointment WHERE referral_id = ? ORDER BY booked_at")
                .param(UUID.fromString(referral)).query(String.class).list())
                .containsExactly("PHYSICAL_THERAPY CANCELLED", "ER_REFERRAL BOOKED");
    }

    private long booked(UUID slot) {
        return jdbc.sql("SELECT count(*) FROM appointment WHERE slot_id = ? AND status = 'BOOKED'").param(slot)
                .query(Long.class).single();
    }

    /** The flag the earliest-free search reads (V2__slot_booked_flag.sql). */
    private boolean flaggedBooked(UUID slot) {
        return jdbc.sql("SELECT booked FROM slot WHERE id = ?").param(slot).query(Boolean.class).single();
    }

    private long appointmentsOf(String referral) {
        return jdbc.sql("SELECT count(*) FROM appointment WHERE referral_id = ?").param(UUID.fromString(referral))
                .query(Long.class).single();
    }

    private String reason(String referral) throws Exception {
        ConsumerRecord<String, byte[]> outcome = outcomes.await(r -> r.key().equals(referral));
        assertThat(header(outcome, "ce_type")).isEqualTo(FAILED);
        return objectMapper.readTree(outcome.value()).get("reason").asText();
    }

    private long unsentEventsOf(String referral) {
        return jdbc.sql("SELECT count(*) FROM outbox_event WHERE record_key = ?").param(referral).query(Long.class).single();
    }

    /** The physiotherapy bookings counted with this outcome since the service started. */
    private double bookings(String outcome) {
        Counter counter = meters.find("backline.bookings").tag("outcome", outcome).tag("pathway", "PHYSICAL_THERAPY").counter();
        return counter == null ? 0 : counter.count();
    }

    private RecordMetadata request(AppointmentRequested request) throws Exception {
        return request(request, UUID.randomUUID().toString());
    }

    private RecordMetadata request(AppointmentRequested request, String eventId) throws Exception {
        return send(Topics.APPOINTMENTS_REQUESTED, request.referralId(), eventId, EventType.APPOINTMENT_REQUESTED.type(),
                request, null);
    }

    private RecordMetadata send(String topic, String referral, String eventId, String type, Object data, Instant time)
            throws Exception {
        ProducerRecord<String, byte[]> record = KafkaRecords.cloudEvent(topic, referral, eventId, type,
                objectMapper.writeValueAsBytes(data));
        if (time != null) {
            record.headers().add("ce_time", time.toString().getBytes(StandardCharsets.UTF_8));
        }
        return KafkaRecords.send(RealInfrastructure.get(), record);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
