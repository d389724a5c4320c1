package health.backline.scheduling.booking;

import static org.assertj.core.api.Assertions.assertThat;

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
import health.backline.scheduling.booking.BookingOutcome.Booked;
import health.backline.scheduling.booking.BookingOutcome.Failed;
import health.backline.testsupport.KafkaRecords;
import health.backline.testsupport.PageClient;
import health.backline.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Freed and added slots go to the referrals waiting for one (the workflow's BOOKING_FAILED): the most urgent,
 * then the longest waiting, each only into a slot before its own deadline; announced as any booking is.
 */
@SchedulingServiceTest
class SlotOffersIT extends OnAFreshMorning {

    private static final Duration TWO_WEEKS = Duration.ofDays(14);

    @Autowired
    BookingService booking;

    @Autowired
    SlotOffers offers;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper objectMapper;

    @Autowired
    TestRestTemplate http;

    @LocalServerPort
    int port;

    KafkaRecords outcomes;

    @BeforeEach
    void watchOutcomes() {
        outcomes = KafkaRecords.of(RealInfrastructure.get(), Topics.APPOINTMENTS_OUTCOME);
    }

    @Test
    void a_cancelled_appointment_frees_its_slot_for_the_most_urgent_then_longest_waiting_referral_whose_deadline_it_meets() {
        UUID slot = slot(Pathway.PHYSICAL_THERAPY, "PT-OFFER", morning.plus(Duration.ofHours(3)));
        String booked = referral();
        assertThat(request(booked, Pathway.PHYSICAL_THERAPY, Priority.ROUTINE, morning.plus(TWO_WEEKS))).isInstanceOf(Booked.class);
        String deadlineTooSoon = referral();
        String routineFirst = referral();
        String routineSecond = referral();
        String urgentLast = referral();
        assertThat(request(deadlineTooSoon, Pathway.PHYSICAL_THERAPY, Priority.URGENT, morning.plus(Duration.ofHours(2)))).isInstanceOf(Failed.class);
        assertThat(request(routineFirst, Pathway.PHYSICAL_THERAPY, Priority.ROUTINE, morning.plus(TWO_WEEKS))).isInstanceOf(Failed.class);
        assertThat(request(routineSecond, Pathway.PHYSICAL_THERAPY, Priority.ROUTINE, morning.plus(TWO_WEEKS))).isInstanceOf(Failed.class);
        assertThat(request(urgentLast, Pathway.PHYSICAL_THERAPY, Priority.URGENT, morning.plus(TWO_WEEKS))).isInstanceOf(Failed.class);

        booking.cancel(new AppointmentCancelRequested(booked, "Patient cannot come"), null);

        assertThat(bookedFor(slot)).isEqualTo(urgentLast);
        JsonNode announced = bookedEvent(urgentLast);
        assertThat(announced.get("resource").asText()).isEqualTo("PT-OFFER");
        assertThat(Instant.parse(announced.get("start").asText())).isEqualTo(morning.plus(Duration.ofHours(3)));
        assertThat(booking.waitingInTurn(Pathway.PHYSICAL_THERAPY)).extracting(w -> w.referralId().toString())
                .containsExactly(deadlineTooSoon, routineFirst, routineSecond);

        UUID added = slot(Pathway.PHYSICAL_THERAPY, "PT-OFFER", morning.plus(Duration.ofHours(4)));
        assertThat(offers.offer(Pathway.PHYSICAL_THERAPY)).isOne();
        assertThat(bookedFor(added)).isEqualTo(routineFirst);
    }

    @Test
    void a_slot_a_scheduler_adds_is_booked_at_once_for_the_referral_waiting_for_one_and_shows_as_booked() {
        String waiting = referral();
        assertThat(request(waiting, Pathway.URGENT_IMAGING, Priority.URGENT, morning.plus(Duration.ofDays(2)))).isInstanceOf(Failed.class);

        ResponseEntity<JsonNode> added = http.withBasicAuth("scheduler", "scheduler").postForEntity(
                "http://127.0.0.1:" + port + "/api/slots", new HttpEntity<>("""
                        {"pathway": "URGENT_IMAGING", "resource": "MRI-OFFER", "location": "Imaging suite",
                         "start": "%s", "end": "%s"}""".formatted(morning.plus(Duration.ofHours(5)),
                        morning.plus(Duration.ofMinutes(330))), json()), JsonNode.class);

        assertThat(added.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(added.getBody().get("booked").asBoolean()).isTrue();
        assertThat(bookedFor(UUID.fromString(added.getBody().get("id").asText()))).isEqualTo(waiting);
        assertThat(bookedEvent(waiting).get("resource").asText()).isEqualTo("MRI-OFFER");
        assertThat(booking.waitingInTurn(Pathway.URGENT_IMAGING)).isEmpty();
    }

    @Test
    void a_scheduler_choosing_a_slot_after_a_freed_one_was_booked_books_nothing_more() {
        String waiting = referral();
        request(waiting, Pathway.PRIMARY_CARE_FOLLOW_UP, Priority.ROUTINE, morning.plus(TWO_WEEKS));
        UUID freed = slot(Pathway.PRIMARY_CARE_FOLLOW_UP, "GP-OFFER", morning.plus(Duration.ofHours(2)));
        UUID chosen = slot(Pathway.PRIMARY_CARE_FOLLOW_UP, "GP-OFFER", morning.plus(Duration.ofHours(3)));
        // Seeding adds slots without announcing them: the sweep finds them.
        offers.sweep();
        assertThat(bookedFor(freed)).isEqualTo(waiting);

        BookingOutcome choice = booking.book(UUID.randomUUID().toString(), null,
                AppointmentRequested.slot(waiting, Pathway.PRIMARY_CARE_FOLLOW_UP, chosen));

        assertThat(choice).isInstanceOfSatisfying(AlreadyBooked.class,
                already -> assertThat(already.appointment().slotId()).isEqualTo(freed));
        assertThat(bookedFor(chosen)).isNull();
        assertThat(jdbc.sql("SELECT count(*) FROM appointment WHERE referral_id = ?").param(UUID.fromString(waiting))
                .query(Long.class).single()).isOne();
    }

    @Test
    void a_cancelled_referral_no_longer_waits_and_a_past_deadline_takes_it_off_the_turn() {
        String cancelled = referral();
        String expired = referral();
        request(cancelled, Pathway.PHYSICAL_THERAPY, Priority.ROUTINE, morning.plus(TWO_WEEKS));
        request(expired, Pathway.PHYSICAL_THERAPY, Priority.ROUTINE, morning.plus(Duration.ofMinutes(1)));

        booking.cancel(new AppointmentCancelRequested(cancelled, "Referral cancelled"), null);
        clock.moveTo(morning.plus(Duration.ofMinutes(2)));
        UUID slot = slot(Pathway.PHYSICAL_THERAPY, "PT-OFFER", morning.plus(Duration.ofHours(1)));

        assertThat(offers.offer(Pathway.PHYSICAL_THERAPY)).isZero();
        assertThat(bookedFor(slot)).isNull();
        assertThat(booking.waitingInTurn(Pathway.PHYSICAL_THERAPY)).isEmpty();
    }

    @Test
    void the_scheduler_sees_the_slot_issue_list_and_books_a_waiting_referral_into_a_picked_slot_once() throws Exception {
        String waiting = referral();
        request(waiting, Pathway.PHYSICAL_THERAPY, Priority.ROUTINE, morning.plus(Duration.ofHours(2)));
        UUID late = slot(Pathway.PHYSICAL_THERAPY, "PT-PICK", morning.plus(Duration.ofHours(6)));
        slot(Pathway.PRIMARY_CARE_FOLLOW_UP, "GP-PICK", morning.plus(Duration.ofHours(1)));
        PageClient scheduler = PageClient.signedIn(port, "scheduler");

        String list = scheduler.get("/slot-issues").body();
        assertThat(list).contains("data-referral=\"" + waiting + "\"", "Physical therapy", "waited under a minute",
                "value=\"" + late + "\"", "PT-PICK, Test clinic (after the deadline)").doesNotContain("GP-PICK");

        var picked = scheduler.postForm("/slot-issues/" + waiting, list, Map.of("slotId", late.toString()));
        assertThat(picked.statusCode()).isEqualTo(302);
        assertThat(bookedFor(late)).isEqualTo(waiting);
        assertThat(bookedEvent(waiting).get("resource").asText()).isEqualTo("PT-PICK");
        String after = scheduler.get("/slot-issues").body();
        assertThat(after).contains("is booked").doesNotContain("data-referral=\"" + waiting + "\"");

        var again = scheduler.postForm("/slot-issues/" + waiting, after, Map.of("slotId", late.toString()));
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(scheduler.get("/slot-issues").body()).contains("The referral no longer waits for a slot");
        assertThat(jdbc.sql("SELECT count(*) FROM appointment WHERE referral_id = ?").param(UUID.fromString(waiting))
                .query(Long.class).single()).isOne();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'BOOK_PICKED_SLOT' AND referral_id = ?")
                .param(waiting).query(Long.class).single()).isOne();

        PageClient admin = PageClient.signedIn(port, "admin");
        assertThat(admin.get("/slot-issues").statusCode()).isEqualTo(200);
        String adminList = admin.get("/slot-issues").body();
        assertThat(admin.postForm("/slot-issues/" + waiting, adminList, Map.of("slotId", late.toString())).statusCode())
                .isEqualTo(403);
        assertThat(PageClient.signedIn(port, "clinician").get("/slot-issues").statusCode()).isEqualTo(403);
    }

    private BookingOutcome request(String referral, Pathway pathway, Priority priority, Instant deadline) {
        return booking.book(UUID.randomUUID().toString(), null,
                new AppointmentRequested(referral, pathway, priority, deadline, null));
    }

    private static String referral() {
        return UUID.randomUUID().toString();
    }

    /** The referral the slot is booked for, or null. */
    private String bookedFor(UUID slot) {
        return jdbc.sql("SELECT referral_id::text FROM appointment WHERE slot_id = ? AND status = 'BOOKED'").param(slot)
                .query(String.class).optional().orElse(null);
    }

    private JsonNode bookedEvent(String referral) {
        ConsumerRecord<String, byte[]> record = outcomes.await(r -> r.key().equals(referral)
                && EventType.APPOINTMENT_BOOKED.type().equals(
                new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8)));
        try {
            return objectMapper.readTree(record.value());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static HttpHeaders json() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }
}
