package health.backline.triage.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.events.Topics;
import health.backline.events.intake.Intake;
import health.backline.events.payload.ReferralSubmitted;
import health.backline.testsupport.ClasspathText;
import health.backline.testsupport.KafkaRecords;
import health.backline.testsupport.RealInfrastructure;
import health.backline.testsupport.WithRealInfrastructure;
import health.backline.triage.rules.RedFlagRules;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Rule replay against a real Kafka broker and a real PostgreSQL: five referrals triaged by the live table, then
 * replayed with a candidate that moves R13 (minor trauma with fracture risk) directly below R21 (STarT Back medium
 * risk). The same configuration as TriageIT, so one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayIT {

    private static final String LIVE_TABLE = ClasspathText.of("/" + RedFlagRules.DMN_RESOURCE);
    private static final String R13_BELOW_R21 = moveRule(LIVE_TABLE, "R13", "R22");
    private static final String MEDIUM_RISK = "[true, true, true, true, false, false, false, false, \"NOT_AT_ALL\"]";
    private static final String HIGH_RISK = "[true, true, true, true, true, true, true, false, \"EXTREMELY\"]";

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    ObjectMapper objectMapper;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ZoneId clinicZone;

    private final Map<String, String> referrals = new LinkedHashMap<>();
    private KafkaRecords triaged;
    private Instant from;
    private Instant to;

    /** Five referrals of 76-year-olds, triaged by the live table, alone in their period. */
    @BeforeAll
    void five_referrals_are_triaged_by_the_live_table() throws Exception {
        triaged = KafkaRecords.of(RealInfrastructure.get(), Topics.REFERRALS_TRIAGED);
        from = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        referrals.put("r13", submit("[\"MINOR_TRAUMA\"]", null));
        referrals.put("r13AndR21", submit("[\"MINOR_TRAUMA\"]", MEDIUM_RISK));
        referrals.put("r13AndR20", submit("[\"MINOR_TRAUMA\"]", HIGH_RISK));
        referrals.put("r13AndR14", submit("[\"MINOR_TRAUMA\", \"OSTEOPOROSIS\"]", null));
        referrals.put("noRedFlags", submit("[]", null));
        for (String referral : referrals.values()) {
            triaged.await(record -> record.key().equals(referral));
        }
        to = Instant.now().plusMillis(1);
        assertThat(decisionsInPeriod()).isEqualTo(5);
    }

    @Test
    void moving_r13_below_r21_sends_medium_and_high_risk_fragility_fractures_to_physiotherapy() {
        long decisionsBefore = count("SELECT count(*) FROM triage_decision");
        long outboxBefore = count("SELECT count(*) FROM outbox_event");

        ResponseEntity<JsonNode> answer = replay("lead", xml(R13_BELOW_R21));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode result = answer.getBody();
        assertThat(result.get("evaluated").asLong()).isEqualTo(5);
        assertThat(changes(result)).containsExactlyInAnyOrder(
                change("r13AndR21", "URGENT_IMAGING [R13, R21]", "PHYSICAL_THERAPY [R21, R13]"),
                change("r13AndR20", "URGENT_IMAGING [R13, R20]", "PHYSICAL_THERAPY [R20, R13]"),
                change("r13AndR14", "URGENT_IMAGING [R13, R14]", "URGENT_IMAGING [R14, R13]"));
        assertThat(result.get("underTriage").asLong()).isEqualTo(2);
        assertThat(result.at("/matrix/URGENT_IMAGING/URGENT_IMAGING").asLong()).isEqualTo(2);
        assertThat(result.at("/matrix/URGENT_IMAGING/PHYSICAL_THERAPY").asLong()).isEqualTo(2);
        assertThat(result.at("/matrix/PRIMARY_CARE_FOLLOW_UP/PRIMARY_CARE_FOLLOW_UP").asLong()).isEqualTo(1);
        long cells = 0;
        long total = 0;
        for (JsonNode row : result.get("matrix")) {
            assertThat(row.size()).isEqualTo(4);
            for (JsonNode cell : row) {
                cells++;
                total += cell.asLong();
            }
        }
        assertThat(result.get("matrix").size()).isEqualTo(4);
        assertThat(cells).isEqualTo(16);
        assertThat(total).isEqualTo(5);

        assertThat(count("SELECT count(*) FROM triage_decision")).isEqualTo(decisionsBefore);
        assertThat(count("SELECT count(*) FROM outbox_event")).isEqualTo(outboxBefore);
        assertThat(triaged.allUpToNow()).filteredOn(record -> referrals.containsValue(record.key())).hasSize(5);
    }

    @Test
    void the_live_table_itself_changes_nothing() {
        JsonNode result = replay("admin", xml(LIVE_TABLE)).getBody();

        assertThat(result.get("evaluated").asLong()).isEqualTo(5);
        assertThat(result.get("changed")).isEmpty();
        assertThat(result.get("underTriage").asLong()).isZero();
    }

    @Test
    void the_table_may_come_as_the_file_of_a_form_upload() {
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("candidate", new ByteArrayResource(R13_BELOW_R21.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "candidate.dmn";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);

        ResponseEntity<JsonNode> answer = http.withBasicAuth("lead", "lead").postForEntity(replayUrl(from, to),
                new HttpEntity<>(form, headers), JsonNode.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody().get("underTriage").asLong()).isEqualTo(2);
        assertThat(answer.getBody().get("changed")).hasSize(3);
    }

    @Test
    void a_table_that_is_not_xml_or_declares_a_doctype_is_refused() {
        assertThat(problems(replay("lead", xml("R13 below R21, please")))).containsOnlyKeys("table");
        String withEntity = LIVE_TABLE.replaceFirst("\\?>", "?>\n<!DOCTYPE definitions [<!ENTITY secret SYSTEM "
                + "\"file:///etc/passwd\">]>").replace("\"R13\"", "\"&secret;\"");

        Map<String, String> problems = problems(replay("lead", xml(withEntity)));

        assertThat(problems).containsOnlyKeys("table");
        assertThat(problems.get("table")).contains("DOCTYPE").doesNotContain("root:");
    }

    @Test
    void a_table_whose_inputs_outputs_or_rule_ids_do_not_fit_is_refused_with_every_reason() {
        String misfit = R13_BELOW_R21
                .replace("<text>painScore</text>", "<text>painScore * 2</text>")
                .replace("<inputExpression id=\"AgeExpression\" typeRef=\"integer\">",
                        "<inputExpression id=\"AgeExpression\" typeRef=\"double\">");

        Map<String, String> inputs = problems(replay("lead", xml(misfit)));

        assertThat(inputs).containsOnlyKeys("table/inputs/1", "table/inputs/3");
        assertThat(inputs.get("table/inputs/3")).contains("painScore (integer)", "painScore * 2 (integer)");

        String noReason = LIVE_TABLE.replaceFirst("<output id=\"Reason\"[^>]*/>", "");
        assertThat(problems(replay("lead", xml(noReason)))).containsOnlyKeys("table/outputs/2");

        String twoR13 = LIVE_TABLE.replace("<text>\"R14\"</text>", "<text>\"R13\"</text>")
                .replace("<text>\"R25\"</text>", "<text>\"R26\"</text>")
                .replace("<outputEntry id=\"R02_Pathway\">\n          <text>\"ER_REFERRAL\"</text>",
                        "<outputEntry id=\"R02_Pathway\">\n          <text>\"HOSPICE\"</text>");
        Map<String, String> rules = problems(replay("lead", xml(twoR13)));
        assertThat(rules).containsOnlyKeys("table/rules/13/ruleId", "table/rules/1/pathway", "table/rules");
        assertThat(rules.get("table/rules/13/ruleId")).isEqualTo("R13 is the rule id of row 12 too");

        String ruleOrderLost = LIVE_TABLE.replace("hitPolicy=\"RULE ORDER\"", "hitPolicy=\"FIRST\"");
        assertThat(problems(replay("lead", xml(ruleOrderLost)))).containsOnlyKeys("table/hitPolicy");
    }

    @Test
    void a_cell_the_rule_engine_cannot_read_is_the_tables_fault() {
        String broken = R13_BELOW_R21.replace("<text>MINOR_TRAUMA and (OSTEOPOROSIS", "<text>MINOR_TRAUMA and ((OSTEOPOROSIS");

        Map<String, String> problems = problems(replay("lead", xml(broken)));

        assertThat(problems).containsOnlyKeys("table");
        assertThat(problems.get("table")).startsWith("cannot be evaluated for referral ");
    }

    @Test
    void the_period_is_required_and_checked_with_the_table() {
        ResponseEntity<JsonNode> answer = http.withBasicAuth("lead", "lead").postForEntity(
                "http://127.0.0.1:" + port + "/api/triage/replay?from=yesterday", xml("<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"Empty\" "
                        + "name=\"Empty\" namespace=\"http://backline.health/dmn/empty\"/>"), JsonNode.class);

        assertThat(answer.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(problems(answer)).containsOnlyKeys("from", "to", "table/decision");
        assertThat(problems(http.withBasicAuth("lead", "lead").postForEntity(replayUrl(from, to), xml("<definitions/>"),
                JsonNode.class)).get("table")).startsWith("is not a DMN 1.3 model");
        assertThat(problems(http.withBasicAuth("lead", "lead").postForEntity(replayUrl(to, from), xml(LIVE_TABLE),
                JsonNode.class))).containsOnlyKeys("to");
    }

    @Test
    void only_clinical_leads_and_admins_may_replay() {
        assertThat(replay("clinician", xml(LIVE_TABLE)).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(replay("frontdesk", xml(LIVE_TABLE)).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(replay("scheduler", xml(LIVE_TABLE)).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.postForEntity(replayUrl(from, to), xml(LIVE_TABLE), String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void the_lead_uploads_a_table_on_the_replay_page_and_sees_the_matrix_and_the_changed_referrals() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String login = get(browser, "/login");
        String signedIn = post(browser, "/login", "application/x-www-form-urlencoded", ("username=lead&password=lead&_csrf="
                + URLEncoder.encode(csrf(login), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)).headers()
                .firstValue("Location").orElseThrow();
        assertThat(signedIn).endsWith("/replay");
        String form = get(browser, "/replay");
        assertThat(form).contains("type=\"file\"", "name=\"from\"", "name=\"to\"");

        // Days of the clinic's calendar, both included: the whole of today (and yesterday, in case midnight passed).
        LocalDate today = LocalDate.now(clinicZone);
        String boundary = "replay-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf(form) + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"from\"\r\n\r\n" + today.minusDays(1) + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"to\"\r\n\r\n" + today + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"table\"; filename=\"r13-below-r21.dmn\""
                + "\r\nContent-Type: application/xml\r\n\r\n" + R13_BELOW_R21 + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> page = post(browser, "/replay", "multipart/form-data; boundary=" + boundary,
                body.getBytes(StandardCharsets.UTF_8));

        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("r13-below-r21.dmn");
        for (String referral : List.of("r13AndR21", "r13AndR20", "r13AndR14")) {
            assertThat(html).contains("href=\"http://localhost:8081/referrals/" + referrals.get(referral) + "\"");
        }
        assertThat(html).doesNotContain(referrals.get("r13"), referrals.get("noRedFlags"));
        assertThat(html).contains("data-from=\"URGENT_IMAGING\" data-to=\"PHYSICAL_THERAPY\" class=\"under\">");
        assertThat(html).doesNotContain("role=\"alert\"");

        HttpResponse<String> clinician = post(HttpClient.newHttpClient(), "/replay", "multipart/form-data; boundary="
                + boundary, body.getBytes(StandardCharsets.UTF_8));
        assertThat(clinician.statusCode()).isIn(302, 403);
    }

    private String submit(String findings, String startBack) throws Exception {
        String referral = UUID.randomUUID().toString();
        String intake = """
                {"patient": {"mrn": "MRN-%s", "givenName": "Ada", "familyName": "Moss", "birthDate": "1950-02-10"},
                 "complaint": {"region": "LUMBAR", "symptomDurationDays": 4, "painScore": 6},
                 "findings": %s%s}""".formatted(referral.substring(0, 8), findings,
                startBack == null ? "" : ", \"startBack\": {\"answers\": " + startBack + "}");
        var submitted = ReferralSubmitted.of(referral, Instant.parse("2026-11-21T10:15:00Z"),
                objectMapper.readValue(intake, Intake.class));
        KafkaRecords.send(RealInfrastructure.get(), KafkaRecords.cloudEvent(Topics.REFERRALS_SUBMITTED, referral,
                UUID.randomUUID().toString(), "backline.referral.submitted.v1", objectMapper.writeValueAsBytes(submitted)));
        return referral;
    }

    /** Takes the R{id} row out of the table and puts it back just before the R{before} row. */
    private static String moveRule(String table, String id, String before) {
        int start = table.indexOf("      <rule id=\"" + id + "\">");
        int end = table.indexOf("</rule>", start) + "</rule>\n".length();
        String rule = table.substring(start, end);
        String without = table.substring(0, start) + table.substring(end);
        int at = without.indexOf("      <rule id=\"" + before + "\">");
        return without.substring(0, at) + rule + without.substring(at);
    }

    private String change(String referral, String from, String to) {
        return referrals.get(referral) + ": " + from + " -> " + to;
    }

    private static Set<String> changes(JsonNode result) {
        return java.util.stream.StreamSupport.stream(result.get("changed").spliterator(), false)
                .map(change -> change.get("referralId").asText() + ": " + outcome(change.get("from")) + " -> "
                        + outcome(change.get("to")))
                .collect(Collectors.toSet());
    }

    private static String outcome(JsonNode outcome) {
        List<String> rules = java.util.stream.StreamSupport.stream(outcome.get("rules").spliterator(), false)
                .map(JsonNode::asText).toList();
        return outcome.get("pathway").asText() + " " + rules;
    }

    private static Map<String, String> problems(ResponseEntity<JsonNode> answer) {
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        Map<String, String> problems = new LinkedHashMap<>();
        answer.getBody().get("errors").forEach(error -> problems.put(error.get("pointer").asText(),
                error.get("detail").asText()));
        return problems;
    }

    private ResponseEntity<JsonNode> replay(String user, HttpEntity<String> table) {
        return http.withBasicAuth(user, user).postForEntity(replayUrl(from, to), table, JsonNode.class);
    }

    private String replayUrl(Instant start, Instant end) {
        return "http://127.0.0.1:" + port + "/api/triage/replay?from=" + start + "&to=" + end;
    }

    private static HttpEntity<String> xml(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_XML);
        return new HttpEntity<>(body, headers);
    }

    private long decisionsInPeriod() {
        return jdbc.sql("SELECT count(*) FROM triage_decision WHERE decided_at >= ? AND decided_at < ?")
                .params(java.sql.Timestamp.from(from), java.sql.Timestamp.from(to)).query(Long.class).single();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private String get(HttpClient browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpResponse<String> post(HttpClient browser, String path, String type, byte[] body) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String page) {
        Matcher token = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(page);
        assertThat(token.find()).as("a CSRF token in the page").isTrue();
        return token.group(1);
    }
}
