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
import health.backline.scheduling.booking.BookingOutcome.Booked;
import health.backline.testsupport.KafkaRecords;
import health.backline.testsupport.PageClient;
import health.backline.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
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
 * Whether the patient came: recorded once, after the appointment started, by schedulers and clinicians; announced
 * on appointments.attendance; refused with a reason otherwise, changing nothing.
 */
@SchedulingServiceTest
class AttendanceIT extends OnAFreshMorning {

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    BookingService booking;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper objectMapper;

    KafkaRecords attendance;

    @BeforeEach
    void watchAttendance() {
        attendance = KafkaRecords.of(RealInfrastructure.get(), Topics.APPOINTMENTS_ATTENDANCE);
    }

    @Test
    void a_missed_appointment_is_recorded_once_after_it_started_and_announced() throws Exception {
        String referral = UUID.randomUUID().toString();
        Appointment appointment = bookPhysiotherapy(referral, morning.plus(Duration.ofHours(1)));

        ResponseEntity<JsonNode> early = record("scheduler", appointment.id(), "{\"attended\": false}");
        assertThat(early.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(early.getBody().get("title").asText()).isEqualTo("Appointment not started");
        assertThat(attendanceOf(appointment.id())).isNull();

        clock.moveTo(morning.plus(Duration.ofMinutes(65)));
        assertThat(record("clinician", appointment.id(), "{\"attended\": false}").getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        assertThat(attendanceOf(appointment.id())).isEqualTo("DID_NOT_ATTEND");
        ConsumerRecord<String, byte[]> announced = attendance.await(r -> r.key().equals(referral));
        assertThat(new String(announced.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                .isEqualTo(EventType.APPOINTMENT_ATTENDANCE_RECORDED.type());
        JsonNode data = objectMapper.readTree(announced.value());
        assertThat(data.get("attended").asBoolean()).isFalse();
        assertThat(data.get("pathway").asText()).isEqualTo("PHYSICAL_THERAPY");
        assertThat(Instant.parse(data.get("start").asText())).isEqualTo(morning.plus(Duration.ofHours(1)));
        assertThat(data.get("location").asText()).isEqualTo("Test clinic");

        ResponseEntity<JsonNode> again = record("scheduler", appointment.id(), "{\"attended\": true}");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().get("title").asText()).isEqualTo("Attendance already recorded");
        assertThat(attendanceOf(appointment.id())).isEqualTo("DID_NOT_ATTEND");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'RECORD_ATTENDANCE' AND referral_id = ?")
                .param(referral).query(Long.class).single()).isOne();
        assertThat(get("scheduler", "/api/appointments?referralId=" + referral).getBody().get(0).get("attendance").asText())
                .isEqualTo("DID_NOT_ATTEND");
    }

    @Test
    void an_er_handoff_a_cancelled_or_unknown_appointment_and_a_bad_body_are_refused() {
        String emergency = UUID.randomUUID().toString();
        Appointment handoff = ((Booked) booking.book(UUID.randomUUID().toString(), null,
                new AppointmentRequested(emergency, Pathway.ER_REFERRAL, Priority.STAT, null, null))).appointment();
        String cancelled = UUID.randomUUID().toString();
        Appointment freed = bookPhysiotherapy(cancelled, morning.plus(Duration.ofMinutes(30)));
        booking.cancel(new AppointmentCancelRequested(cancelled, "Referral cancelled"), null);
        clock.moveTo(morning.plus(Duration.ofHours(2)));

        assertThat(record("scheduler", handoff.id(), "{\"attended\": false}").getBody().get("title").asText())
                .isEqualTo("Emergency handoff");
        assertThat(record("scheduler", freed.id(), "{\"attended\": true}").getBody().get("title").asText())
                .isEqualTo("Appointment cancelled");
        assertThat(record("scheduler", UUID.randomUUID(), "{\"attended\": true}").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<JsonNode> bad = record("scheduler", freed.id(), "{\"attended\": \"no\"}");
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(bad.getBody().at("/errors/0/pointer").asText()).isEqualTo("/attended");
        assertThat(record("frontdesk", freed.id(), "{\"attended\": true}").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(record("admin", freed.id(), "{\"attended\": true}").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(attendanceOf(handoff.id())).isNull();
        assertThat(attendanceOf(freed.id())).isNull();
    }

    @Test
    void a_clinician_records_on_the_attendance_page_that_a_patient_did_not_come() throws Exception {
        String referral = UUID.randomUUID().toString();
        Appointment appointment = bookPhysiotherapy(referral, morning.plus(Duration.ofHours(1)));
        Appointment later = bookPhysiotherapy(UUID.randomUUID().toString(), morning.plus(Duration.ofHours(3)));
        clock.moveTo(morning.plus(Duration.ofMinutes(70)));
        PageClient clinician = PageClient.signedIn(port, "clinician");

        String page = clinician.get("/attendance").body();
        assertThat(page).contains("data-appointment=\"" + appointment.id() + "\"", "Physical therapy", "Test clinic")
                .doesNotContain(later.id().toString());

        var recorded = clinician.postForm("/attendance/" + appointment.id(), page, Map.of("attended", "false"));
        assertThat(recorded.statusCode()).isEqualTo(302);
        assertThat(attendanceOf(appointment.id())).isEqualTo("DID_NOT_ATTEND");
        String after = clinician.get("/attendance").body();
        assertThat(after).contains("Did not attend: recorded").doesNotContain(appointment.id().toString());

        clinician.postForm("/attendance/" + appointment.id(), after, Map.of("attended", "true"));
        assertThat(clinician.get("/attendance").body()).contains("Attendance already recorded");
        assertThat(attendanceOf(appointment.id())).isEqualTo("DID_NOT_ATTEND");
        PageClient admin = PageClient.signedIn(port, "admin");
        String adminPage = admin.get("/attendance").body();
        assertThat(admin.postForm("/attendance/" + later.id(), adminPage, Map.of("attended", "true")).statusCode())
                .isEqualTo(403);
        assertThat(PageClient.signedIn(port, "frontdesk").get("/attendance").statusCode()).isEqualTo(403);
    }

    private Appointment bookPhysiotherapy(String referral, Instant start) {
        slot(Pathway.PHYSICAL_THERAPY, "PT-ATTEND", start);
        return ((Booked) booking.book(UUID.randomUUID().toString(), null, AppointmentRequested.earliestBefore(referral,
                Pathway.PHYSICAL_THERAPY, start.plus(Duration.ofDays(1))))).appointment();
    }

    private String attendanceOf(UUID appointment) {
        return jdbc.sql("SELECT attendance FROM appointment WHERE id = ?").param(appointment).query((rs, row) -> Optional.ofNullable(rs.getString(1))).single().orElse(null);
    }

    private ResponseEntity<JsonNode> record(String user, UUID appointment, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, user).postForEntity("http://127.0.0.1:" + port + "/api/appointments/" + appointment
                + "/attendance", new HttpEntity<>(body, headers), JsonNode.class);
    }

    private ResponseEntity<JsonNode> get(String user, String path) {
        return http.withBasicAuth(user, user).getForEntity("http://127.0.0.1:" + port + path, JsonNode.class);
    }
}
