package health.backline.scheduling.slots;

import health.backline.scheduling.OnAFreshMorning;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.backline.scheduling.SchedulingServiceTest;
import health.backline.testsupport.ClasspathText;
import health.backline.testsupport.apidocs.ApiDocsCheck;
import health.backline.testsupport.apidocs.ServedApiDocs;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

/** The slots API: schedulers see capacity, free and booked, and add to it. */
@SchedulingServiceTest
class SlotsApiIT extends OnAFreshMorning {

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_scheduler_adds_a_slot_and_finds_it_where_it_belongs() {
        Instant start = morning.plus(Duration.ofHours(2));

        ResponseEntity<JsonNode> added = post("scheduler", slot("PHYSICAL_THERAPY", "PT-9", start));

        assertThat(added.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = added.getBody().get("id").asText();
        assertThat(added.getHeaders().getLocation()).hasToString("/api/slots/" + id);
        assertThat(added.getBody().get("pathway").asText()).isEqualTo("PHYSICAL_THERAPY");
        assertThat(added.getBody().get("resource").asText()).isEqualTo("PT-9");
        assertThat(added.getBody().get("location").asText()).isEqualTo("Physiotherapy annex");
        assertThat(added.getBody().get("start").asText()).isEqualTo(start.toString());
        assertThat(added.getBody().get("end").asText()).isEqualTo(start.plus(Duration.ofMinutes(45)).toString());
        assertThat(added.getBody().get("booked").asBoolean()).isFalse();
        assertThat(get("admin", "/api/slots/" + id).getBody().get("resource").asText()).isEqualTo("PT-9");

        JsonNode listed = get("scheduler", "/api/slots?pathway=PHYSICAL_THERAPY").getBody();
        assertThat(listed.findValuesAsText("id")).contains(id);
    }

    @Test
    void slots_are_listed_by_start_free_and_booked_in_the_range_asked() {
        Instant nine = morning.plus(Duration.ofHours(2));
        String later = post("scheduler", slot("URGENT_IMAGING", "MRI-L", nine.plus(Duration.ofHours(1)))).getBody().get("id").asText();
        String earlier = post("scheduler", slot("URGENT_IMAGING", "MRI-L", nine)).getBody().get("id").asText();
        String other = post("scheduler", slot("PRIMARY_CARE_FOLLOW_UP", "GP-L", nine)).getBody().get("id").asText();
        String outside = post("scheduler", slot("URGENT_IMAGING", "MRI-L", morning.plus(Duration.ofDays(8)))).getBody().get("id").asText();
        book(earlier);

        JsonNode imaging = get("scheduler", "/api/slots?pathway=URGENT_IMAGING").getBody();

        assertThat(imaging.findValuesAsText("id")).containsSubsequence(earlier, later).doesNotContain(other, outside);
        assertThat(imaging.findValuesAsText("pathway")).containsOnly("URGENT_IMAGING");
        JsonNode first = imaging.get(imaging.findValuesAsText("id").indexOf(earlier));
        assertThat(first.get("booked").asBoolean()).isTrue();
        assertThat(first.get("location").asText()).isEqualTo("Physiotherapy annex");
        assertThat(imaging.get(imaging.findValuesAsText("id").indexOf(later)).get("booked").asBoolean()).isFalse();
        List<String> starts = imaging.findValuesAsText("start");
        assertThat(starts).isSortedAccordingTo((a, b) -> Instant.parse(a).compareTo(Instant.parse(b)));

        JsonNode all = get("admin", "/api/slots?from=" + nine + "&to=" + nine.plus(Duration.ofMinutes(1))).getBody();
        assertThat(all.findValuesAsText("id")).contains(earlier, other).doesNotContain(later, outside);
        JsonNode tenDays = get("scheduler", "/api/slots?pathway=URGENT_IMAGING&to=" + morning.plus(Duration.ofDays(10))).getBody();
        assertThat(tenDays.findValuesAsText("id")).contains(earlier, later, outside);
    }

    @Test
    void a_range_that_is_empty_too_long_or_unreadable_is_refused_naming_the_parameter() {
        ResponseEntity<JsonNode> backwards = get("scheduler", "/api/slots?from=2100-02-01T10:00:00Z&to=2100-02-01T09:00:00Z");
        assertThat(backwards.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(backwards.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(backwards.getBody().at("/errors/0/pointer").asText()).isEqualTo("to");

        ResponseEntity<JsonNode> tooLong = get("scheduler", "/api/slots?from=2100-02-01T00:00:00Z&to=2100-03-04T00:00:01Z");
        assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooLong.getBody().at("/errors/0/pointer").asText()).isEqualTo("to");
        assertThat(tooLong.getBody().at("/errors/0/detail").asText()).contains("31 days");
        assertThat(get("scheduler", "/api/slots?from=2100-02-01T00:00:00Z&to=2100-03-04T00:00:00Z").getStatusCode())
                .isEqualTo(HttpStatus.OK);

        ResponseEntity<JsonNode> unreadable = get("scheduler", "/api/slots?pathway=DENTISTRY&from=tomorrow");
        assertThat(unreadable.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unreadable.getBody().get("errors").findValuesAsText("pointer")).containsExactlyInAnyOrder("pathway", "from");
    }

    @Test
    void an_invalid_slot_lists_every_offending_field_and_adds_nothing() {
        long before = jdbc.sql("SELECT count(*) FROM slot").query(Long.class).single();

        ResponseEntity<JsonNode> response = post("scheduler", """
                {"pathway": "ER_REFERRAL", "resource": "", "location": "%s",
                 "start": "tomorrow at nine", "end": 12, "room": "3"}""".formatted("x".repeat(101)));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("errors").findValuesAsText("pointer"))
                .containsExactlyInAnyOrder("/pathway", "/resource", "/location", "/start", "/end", "/room");
        assertThat(response.getBody().get("detail").asText()).isEqualTo("6 fields are invalid");

        ResponseEntity<JsonNode> backwards = post("scheduler", """
                {"pathway": "DENTISTRY", "resource": "PT-9", "location": "Room 3",
                 "start": "2100-02-01T10:00:00Z", "end": "2100-02-01T10:00:00Z"}""");
        assertThat(backwards.getBody().get("errors").findValuesAsText("pointer")).containsExactlyInAnyOrder("/pathway", "/end");

        ResponseEntity<JsonNode> empty = post("scheduler", "{}");
        assertThat(empty.getBody().get("errors").findValuesAsText("pointer"))
                .containsExactlyInAnyOrder("/pathway", "/resource", "/location", "/start", "/end");
        assertThat(post("scheduler", "[1]").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(post("scheduler", "{not json").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(jdbc.sql("SELECT count(*) FROM slot").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void a_slot_that_already_exists_for_that_resource_and_start_is_a_conflict() {
        Instant start = morning.plus(Duration.ofHours(3));
        assertThat(post("scheduler", slot("PRIMARY_CARE_FOLLOW_UP", "GP-9", start)).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        ResponseEntity<JsonNode> again = post("admin", slot("PRIMARY_CARE_FOLLOW_UP", "GP-9", start));

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().get("title").asText()).isEqualTo("Slot already exists");
        assertThat(again.getBody().get("detail").asText()).isEqualTo("GP-9 already has a slot starting at " + start);
        assertThat(jdbc.sql("SELECT count(*) FROM slot WHERE resource = 'GP-9'").query(Long.class).single()).isOne();
    }

    @Test
    void only_schedulers_and_admins_see_and_add_slots_and_nobody_without_login() {
        String body = slot("PHYSICAL_THERAPY", "PT-R", morning.plus(Duration.ofHours(4)));
        assertThat(http.getForEntity(url("/api/slots"), String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.postForEntity(url("/api/slots"), new HttpEntity<>(body, json()), String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get("frontdesk", "/api/slots").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("clinician", "/api/slots").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("frontdesk", body).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("lead", body).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("scheduler", "/api/slots").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("admin", "/api/slots").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http.getForEntity(url("/actuator/health"), String.class).getBody()).contains("\"status\":\"UP\"");
    }

    /** Here rather than in a class of its own: each scheduling test class starts the service afresh. */
    @Test
    void the_api_docs_need_a_login_document_exactly_the_endpoint_list_and_their_new_slot_is_added() {
        ApiDocsCheck.forService("scheduling").assertMatches(ServedApiDocs.of(URI.create(url(""))).fetchWithBasic());

        ResponseEntity<JsonNode> added = post("scheduler", ClasspathText.of(SlotApiDocs.NEW_SLOT));

        assertThat(added.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(added.getBody().get("resource").asText()).isEqualTo("PT-2");
    }

    private void book(String slotId) {
        jdbc.sql("""
                        INSERT INTO appointment (id, request_id, referral_id, pathway, slot_id, start_at, end_at, location,
                                                 resource, status, booked_at)
                        SELECT gen_random_uuid(), gen_random_uuid()::text, gen_random_uuid(), pathway, id, start_at, end_at,
                               location, resource, 'BOOKED', now()
                        FROM slot WHERE id = ?::uuid""")
                .param(slotId).update();
    }

    private static String slot(String pathway, String resource, Instant start) {
        return """
                {"pathway": "%s", "resource": "%s", "location": "Physiotherapy annex", "start": "%s", "end": "%s"}"""
                .formatted(pathway, resource, start, start.plus(Duration.ofMinutes(45)));
    }

    private ResponseEntity<JsonNode> post(String user, String body) {
        return http.withBasicAuth(user, user).postForEntity(url("/api/slots"), new HttpEntity<>(body, json()), JsonNode.class);
    }

    private ResponseEntity<JsonNode> get(String user, String path) {
        return http.withBasicAuth(user, user).getForEntity(url(path), JsonNode.class);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static HttpHeaders json() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }
}
