package health.backline.scheduling.booking;

import health.backline.scheduling.OnAFreshMorning;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.backline.events.Pathway;
import health.backline.events.Priority;
import health.backline.events.payload.AppointmentCancelRequested;
import health.backline.events.payload.AppointmentRequested;
import health.backline.scheduling.SchedulingServiceTest;
import health.backline.testsupport.PageClient;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The appointments API: a referral's appointments, newest first, for schedulers and clinicians. */
@SchedulingServiceTest
class AppointmentsApiIT extends OnAFreshMorning {

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    BookingService booking;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_referrals_appointments_are_listed_newest_first_with_their_status_and_slot() {
        String referral = UUID.randomUUID().toString();
        UUID slot = slot(morning.plus(Duration.ofHours(2)));
        booking.book(UUID.randomUUID().toString(), null,
                AppointmentRequested.earliestBefore(referral, Pathway.PHYSICAL_THERAPY, morning.plus(Duration.ofDays(1))));
        booking.cancel(new AppointmentCancelRequested(referral, "Escalated to the emergency department"), null);
        booking.book(UUID.randomUUID().toString(), null,
                new AppointmentRequested(referral, Pathway.ER_REFERRAL, Priority.STAT, null, null));
        booking.book(UUID.randomUUID().toString(), null,
                AppointmentRequested.earliestBefore(UUID.randomUUID().toString(), Pathway.PHYSICAL_THERAPY,
                        morning.plus(Duration.ofDays(1))));

        ResponseEntity<JsonNode> response = get("clinician", "/api/appointments?referralId=" + referral);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode appointments = response.getBody();
        assertThat(appointments).hasSize(2);
        JsonNode handoff = appointments.get(0);
        assertThat(handoff.get("pathway").asText()).isEqualTo("ER_REFERRAL");
        assertThat(handoff.get("status").asText()).isEqualTo("BOOKED");
        assertThat(handoff.get("location").asText()).isEqualTo("Emergency department");
        assertThat(handoff.get("slotId").isNull()).isTrue();
        JsonNode physio = appointments.get(1);
        assertThat(physio.get("referralId").asText()).isEqualTo(referral);
        assertThat(physio.get("pathway").asText()).isEqualTo("PHYSICAL_THERAPY");
        assertThat(physio.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(physio.get("slotId").asText()).isEqualTo(slot.toString());
        assertThat(physio.get("start").asText()).isEqualTo(morning.plus(Duration.ofHours(2)).toString());
        assertThat(physio.get("end").asText()).isEqualTo(morning.plus(Duration.ofMinutes(150)).toString());
        assertThat(physio.get("resource").asText()).isEqualTo("PT-APPT");
        assertThat(physio.get("location").asText()).isEqualTo("Physiotherapy clinic");
        assertThat(physio.get("id").asText()).isNotBlank();
        assertThat(physio.get("attendance").isNull()).isTrue();
        assertThat(physio.fieldNames()).toIterable().containsExactlyInAnyOrder(
                "id", "referralId", "pathway", "start", "end", "location", "resource", "status", "slotId", "attendance");
        assertThat(get("scheduler", "/api/appointments?referralId=" + UUID.randomUUID()).getBody()).isEmpty();
    }

    @Test
    void every_look_up_of_a_referrals_appointments_leaves_one_audit_entry_naming_reader_and_referral() {
        String referral = UUID.randomUUID().toString();
        get("clinician", "/api/appointments?referralId=" + referral);

        JsonNode entries = get("admin", "/api/audit?referralId=" + referral).getBody();

        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get("actor").asText()).isEqualTo("clinician");
        assertThat(entries.get(0).get("action").asText()).isEqualTo("PATIENT_DATA_READ");
        assertThat(entries.get(0).get("channel").asText()).isEqualTo("GET /api/appointments");
        assertThat(entries.get(0).get("referralIds")).extracting(JsonNode::asText).containsExactly(referral);
    }

    @Test
    void the_audit_page_is_for_admins_signed_in_on_the_form_and_its_export_also_takes_http_basic() throws Exception {
        String referral = UUID.randomUUID().toString();
        get("scheduler", "/api/appointments?referralId=" + referral);

        var page = PageClient.signedIn(port, "admin").get("/audit?referralId=" + referral);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("<title>Audit trail</title>", "<td>scheduler</td>", "<td>" + referral + "</td>");

        ResponseEntity<String> csv = http.withBasicAuth("admin", "admin")
                .getForEntity(url("/audit.csv?user=scheduler&referralId=" + referral), String.class);
        assertThat(csv.getBody()).startsWith("id,at,actor,action,channel,referral_ids,detail\r\n")
                .contains("\"scheduler\",\"PATIENT_DATA_READ\",\"GET /api/appointments\",\"" + referral + "\"");
        assertThat(PageClient.signedIn(port, "scheduler").get("/audit").statusCode()).isEqualTo(403);
    }

    @Test
    void the_referral_must_be_named() {
        ResponseEntity<JsonNode> missing = get("scheduler", "/api/appointments");
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(missing.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(missing.getBody().at("/errors/0/pointer").asText()).isEqualTo("referralId");

        ResponseEntity<JsonNode> notAnId = get("scheduler", "/api/appointments?referralId=MRN-0042");
        assertThat(notAnId.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(notAnId.getBody().at("/errors/0/pointer").asText()).isEqualTo("referralId");
    }

    @Test
    void schedulers_clinicians_leads_and_admins_may_look_but_not_the_front_desk_or_anyone_without_login() {
        String path = "/api/appointments?referralId=" + UUID.randomUUID();
        assertThat(http.getForEntity(url(path), String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get("frontdesk", path).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.withBasicAuth("scheduler", "wrong").getForEntity(url(path), String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        for (String user : new String[] {"scheduler", "clinician", "lead", "admin"}) {
            assertThat(get(user, path).getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
        }
    }

    private UUID slot(Instant start) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO slot (id, pathway, resource, location, start_at, end_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, Pathway.PHYSICAL_THERAPY.name(), "PT-APPT", "Physiotherapy clinic", Timestamp.from(start),
                        Timestamp.from(start.plus(Duration.ofMinutes(30))))
                .update();
        return id;
    }

    private ResponseEntity<JsonNode> get(String user, String path) {
        return http.withBasicAuth(user, user).getForEntity(url(path), JsonNode.class);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
