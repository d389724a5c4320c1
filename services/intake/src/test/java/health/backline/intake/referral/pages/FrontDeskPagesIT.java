package health.backline.intake.referral.pages;

import static org.assertj.core.api.Assertions.assertThat;

import health.backline.events.Pathway;
import health.backline.events.Priority;
import health.backline.events.ReferralStatus;
import health.backline.events.intake.Finding;
import health.backline.events.payload.ReferralStatusChanged;
import health.backline.events.payload.ReferralTriaged;
import health.backline.intake.referral.pages.PageSession.Page;
import health.backline.intake.tracking.ReferralProgress;
import health.backline.testsupport.WithRealInfrastructure;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The front desk's pages over real HTTP, with sessions, the login form and CSRF tokens, against real Kafka and PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class FrontDeskPagesIT {

    private static final Pattern REFERRAL_PAGE = Pattern.compile("/referrals/([0-9a-f-]{36})");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReferralProgress progress;

    PageSession frontDesk;

    @BeforeEach
    void signIn() {
        frontDesk = PageSession.signedIn(port, "frontdesk");
    }

    @Test
    void the_intake_form_asks_about_every_finding_once_in_plain_words_and_labels_every_input() {
        Page form = frontDesk.get("/");

        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("<html lang=\"en\"", "<title>New intake · Backline</title>");
        for (Finding finding : Finding.values()) {
            assertThat(count(form.body(), "value=\"" + finding.name() + "\"")).as(finding.name()).isEqualTo(1);
            assertThat(form.body()).contains("<label class=\"check\" for=\"finding-" + finding.name() + "\"");
            assertThat(form.body()).contains(finding.reportedAs());
        }
        assertThat(count(form.body(), "name=\"findings\"")).isEqualTo(27);
        assertThat(form.body()).contains("Emergency signs", "Injury", "Infection and inflammation", "History and risk",
                "Lifestyle");
        Matcher inputs = Pattern.compile("<(input|select|textarea)\\b[^>]*\\bid=\"([^\"]+)\"").matcher(form.body());
        int labelled = 0;
        while (inputs.find()) {
            assertThat(form.body()).as("label for #" + inputs.group(2)).contains("for=\"" + inputs.group(2) + "\"");
            labelled++;
        }
        assertThat(labelled).isGreaterThanOrEqualTo(6 + 2 + 3 + 3 + 27 + 1 + 2 + 8 * 2 + 5);
        assertThat(form.tag("complaint-region-LUMBAR")).contains("type=\"radio\"");
        assertThat(form.body()).contains("<details class=\"card start-back\">", "I have only walked short distances");
        assertThat(form.body()).containsPattern("name=\"idempotencyKey\" value=\"[0-9a-f-]{36}\"");
        assertThat(form.body()).contains("action=\"/logout\"", "Signed in as <strong>frontdesk</strong>");
    }

    @Test
    void a_form_with_problems_comes_back_as_typed_with_each_message_beside_its_field_and_nothing_is_recorded() {
        long before = referralCount();
        String key = UUID.randomUUID().toString();
        List<Map.Entry<String, String>> fields = intake("MRN 42!", key);
        replace(fields, "complaint.painScore", "11");
        replace(fields, "complaint.region", "");
        fields.add(Map.entry("startBack.3", "agree"));

        Page page = frontDesk.post("/intake", fields);

        assertThat(page.status()).isEqualTo(422);
        assertThat(page.body()).contains("<title>Error: New intake · Backline</title>");
        assertThat(page.text("error-summary-title")).isEqualTo("11 fields need attention");
        assertThat(page.body()).contains("href=\"#patient-mrn\"", "href=\"#complaint-painScore\"",
                "href=\"#complaint-region-CERVICAL\"", "href=\"#startBack-1-agree\"", "href=\"#startBack-9-NOT_AT_ALL\"");
        assertThat(page.tag("patient-mrn")).contains("value=\"MRN 42!\"", "aria-invalid=\"true\"",
                "aria-describedby=\"patient-mrn-error\"");
        assertThat(page.text("patient-mrn-error")).isEqualTo("Error: MRN must be 1-32 letters, digits or hyphens");
        assertThat(page.tag("complaint-painScore")).contains("value=\"11\"", "aria-invalid=\"true\"",
                "aria-describedby=\"complaint-painScore-error complaint-painScore-hint\"");
        assertThat(page.text("complaint-painScore-error")).isEqualTo("Error: Pain score must be between 0 and 10");
        assertThat(page.text("complaint-region-error")).isEqualTo("Error: Region is required");
        assertThat(page.text("startBack-1-error")).contains("STarT Back question 1 must be true (agree) or false (disagree)");
        assertThat(page.tag("startBack-3-agree")).contains("checked");
        assertThat(page.body()).contains("<details class=\"card start-back\" open");
        assertThat(page.tag("patient-givenName")).contains("value=\"Ada\"").doesNotContain("aria-invalid");
        assertThat(page.tag("patient-birthDate")).contains("value=\"14/03/1961\"");
        assertThat(page.tag("finding-FEVER")).contains("checked");
        assertThat(page.tag("finding-CHEST_PAIN")).doesNotContain("checked");
        assertThat(page.tag("patient-sex")).isNotNull();
        assertThat(page.body()).contains("<option value=\"female\" selected=\"selected\">Female</option>");
        assertThat(page.body()).contains("name=\"idempotencyKey\" value=\"" + key + "\"");
        assertThat(referralCount()).isEqualTo(before);
    }

    @Test
    void a_good_intake_is_recorded_as_the_api_would_and_opens_the_referral_page() {
        String mrn = mrn();
        List<Map.Entry<String, String>> fields = intake(mrn, UUID.randomUUID().toString());
        replace(fields, "conservativeCareWeeks", "3");
        fields.add(Map.entry("improving", "no"));
        for (int item = 1; item <= 8; item++) {
            fields.add(Map.entry("startBack." + item, item % 2 == 0 ? "agree" : "disagree"));
        }
        fields.add(Map.entry("startBack.9", "VERY_MUCH"));

        Page answer = frontDesk.post("/intake", fields);

        assertThat(answer.status()).isEqualTo(303);
        String id = referralIn(answer.location());
        Page referral = frontDesk.follow(answer);
        assertThat(referral.status()).isEqualTo(200);
        assertThat(referral.body()).contains("Referral recorded.", "Ada Lovelace", mrn, "14 Mar 1961");
        assertThat(referral.text("referral-status")).isEqualTo("Submitted");
        assertThat(referral.body()).contains("Intake recorded by the front desk", "data-refresh=\"/referrals/" + id + "\"");
        String intake = jdbc.sql("SELECT intake::text FROM referral WHERE id = ?").param(UUID.fromString(id))
                .query(String.class).single();
        assertThat(intake).contains("\"birthDate\": \"1961-03-14\"", "\"sex\": \"female\"", "\"painScore\": 7",
                "\"findings\": [\"FEVER\", \"NECK_STIFFNESS\"]", "\"improving\": false", "\"conservativeCareWeeks\": 3",
                "\"answers\": [false, true, false, true, false, true, false, true, \"VERY_MUCH\"]",
                "\"organisation\": \"Riverside Family Practice\"");
        assertThat(intake).doesNotContain("description");
    }

    @Test
    void sending_the_same_form_twice_records_one_referral() {
        String mrn = mrn();
        String key = UUID.randomUUID().toString();

        Page first = frontDesk.post("/intake", intake(mrn, key));
        assertThat(first.status()).isEqualTo(303);
        assertThat(frontDesk.follow(first).body()).contains("Referral recorded.");
        Page again = frontDesk.post("/intake", intake(mrn, key));

        assertThat(again.status()).isEqualTo(303);
        assertThat(again.location()).isEqualTo(first.location());
        assertThat(frontDesk.follow(again).body()).contains("This intake was already recorded");
        assertThat(referralsWithMrn(mrn)).isEqualTo(1);

        List<Map.Entry<String, String>> changed = intake(mrn, key);
        replace(changed, "complaint.painScore", "8");
        Page conflict = frontDesk.post("/intake", changed);

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body()).contains("This form was sent before", "href=\"/referrals/" + referralIn(first.location()) + "\"");
        assertThat(conflict.tag("complaint-painScore")).contains("value=\"8\"");
        assertThat(conflict.body()).doesNotContain("value=\"" + key + "\"");
        assertThat(referralsWithMrn(mrn)).isEqualTo(1);
    }

    @Test
    void the_board_lists_todays_referrals_newest_first_and_filters_by_status_and_pathway() {
        String imagingMrn = mrn();
        String waitingMrn = mrn();
        String imaging = referralIn(frontDesk.post("/intake", intake(imagingMrn, UUID.randomUUID().toString())).location());
        String waiting = referralIn(frontDesk.post("/intake", intake(waitingMrn, UUID.randomUUID().toString())).location());
        progress.triaged(new ReferralTriaged(imaging, Pathway.URGENT_IMAGING, Priority.URGENT, List.of("R13"),
                List.of("Minor injury with fracture risk: possible fragility fracture"), null));

        Page board = frontDesk.get("/referrals");

        assertThat(board.status()).isEqualTo(200);
        assertThat(board.body()).contains("<title>Referral board · Backline</title>");
        assertThat(board.body().indexOf(waitingMrn)).isPositive().isLessThan(board.body().indexOf(imagingMrn));
        String imagingRow = board.text("referral-" + imaging);
        assertThat(imagingRow).contains("Ada Lovelace", imagingMrn, "Triaged", "Urgent imaging", "—");
        assertThat(board.body()).contains("<span class=\"badge URGENT_IMAGING\">Urgent imaging</span>");
        assertThat(board.text("referral-" + waiting)).contains("Submitted", "Awaiting triage");
        assertThat(board.body()).contains("href=\"/referrals/" + imaging + "\"", "data-refresh=\"/referrals/rows\"");

        Page imagingOnly = frontDesk.get("/referrals?pathway=URGENT_IMAGING");
        assertThat(imagingOnly.body()).contains(imagingMrn).doesNotContain(waitingMrn)
                .contains("data-refresh=\"/referrals/rows?pathway=URGENT_IMAGING\"")
                .contains("<option value=\"URGENT_IMAGING\" selected=\"selected\">Urgent imaging</option>");
        assertThat(frontDesk.get("/referrals?status=SUBMITTED").body()).contains(waitingMrn).doesNotContain(imagingMrn);

        Page rows = frontDesk.get("/referrals/rows?status=TRIAGED&pathway=URGENT_IMAGING");
        assertThat(rows.status()).isEqualTo(200);
        assertThat(rows.body().strip()).startsWith("<tbody").endsWith("</tbody>").contains(imagingMrn)
                .doesNotContain(waitingMrn, "<html");

        String yesterday = LocalDate.now(ZoneId.of("Europe/London")).minusDays(1).toString();
        assertThat(frontDesk.get("/referrals?day=" + yesterday).body()).doesNotContain(imagingMrn, waitingMrn);
        assertThat(frontDesk.get("/referrals?status=LOST").body()).contains("Not understood, so ignored: status", waitingMrn);
    }

    @Test
    void the_front_desk_cancels_from_the_referral_page_with_a_reason() {
        String id = referralIn(frontDesk.post("/intake", intake(mrn(), UUID.randomUUID().toString())).location());
        Page page = frontDesk.get("/referrals/" + id);
        assertThat(page.body()).contains("Cancel this referral", "action=\"/referrals/" + id + "/cancel\"");

        Page noReason = frontDesk.post("/referrals/" + id + "/cancel", List.of(Map.entry("reason", "  ")));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.text("reason-error")).isEqualTo("Error: Reason for cancelling is required: 1-500 characters");
        assertThat(noReason.tag("reason")).contains("aria-invalid=\"true\"", "aria-describedby=\"reason-error reason-hint\"");
        assertThat(noReason.body()).contains("<details class=\"card cancel\" open");

        Page cancelled = frontDesk.post("/referrals/" + id + "/cancel", List.of(Map.entry("reason", "Patient moved away")));
        assertThat(cancelled.status()).isEqualTo(303);
        assertThat(frontDesk.follow(cancelled).body()).contains("Cancellation requested.",
                "Cancellation requested by frontdesk: Patient moved away");

        progress.statusChanged(new ReferralStatusChanged(id, ReferralStatus.CANCELLED, null, "Referral cancelled", Instant.now()));
        Page closed = frontDesk.get("/referrals/" + id);
        assertThat(closed.text("referral-status")).isEqualTo("Cancelled");
        assertThat(closed.body()).doesNotContain("Cancel this referral", "data-refresh");
        Page tooLate = frontDesk.post("/referrals/" + id + "/cancel", List.of(Map.entry("reason", "again")));
        assertThat(tooLate.status()).isEqualTo(409);
        assertThat(tooLate.body()).contains("This referral cannot be cancelled");
    }

    @Test
    void a_form_sent_without_its_csrf_token_is_refused() {
        String mrn = mrn();
        frontDesk.get("/");

        Page refused = frontDesk.postWithoutToken("/intake", intake(mrn, UUID.randomUUID().toString()));

        assertRefused(refused);
        assertThat(referralsWithMrn(mrn)).isZero();
        String id = referralIn(frontDesk.post("/intake", intake(mrn, UUID.randomUUID().toString())).location());
        assertRefused(frontDesk.postWithoutToken("/referrals/" + id + "/cancel", List.of(Map.entry("reason", "x"))));
        assertThat(timelineDetails(id)).noneMatch(detail -> detail.startsWith("Cancellation requested"));
        assertRefused(frontDesk.postWithoutToken("/logout", List.of()));
        assertThat(frontDesk.get("/referrals").status()).as("still signed in").isEqualTo(200);
    }

    @Test
    void every_read_of_the_board_and_its_rows_of_any_day_is_audited_with_every_referral_it_showed() {
        String id = referralIn(frontDesk.post("/intake", intake(mrn(), UUID.randomUUID().toString())).location());
        PageSession clinician = PageSession.signedIn(port, "clinician");

        clinician.get("/referrals");
        assertThat(lastReadBy("clinician", "page /referrals")).as("opening the board").contains(id);
        clinician.get("/referrals/rows");
        assertThat(lastReadBy("clinician", "page /referrals/rows")).as("a refresh of its rows").contains(id);
        long before = readsBy("clinician");
        Page longAgo = clinician.get("/referrals/rows?day=2020-02-03");
        assertThat(longAgo.status()).isEqualTo(200);
        assertThat(readsBy("clinician")).as("the rows of another day").isEqualTo(before + 1);
        assertThat(jdbc.sql("SELECT detail FROM audit_entry WHERE actor = 'clinician' ORDER BY id DESC LIMIT 1")
                .query(String.class).single()).startsWith("board of 2020-02-03");
    }

    private List<String> lastReadBy(String user, String channel) {
        return jdbc.sql("""
                        SELECT referral_ids FROM audit_entry WHERE actor = ? AND channel = ? AND action = 'PATIENT_DATA_READ'
                        ORDER BY id DESC LIMIT 1""")
                .params(user, channel)
                .query((rs, n) -> List.of((String[]) rs.getArray(1).getArray())).single();
    }

    private long readsBy(String user) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE actor = ? AND action = 'PATIENT_DATA_READ'")
                .param(user).query(Long.class).single();
    }

    @Test
    void a_clinician_follows_referrals_but_cannot_open_the_intake_form_or_cancel() {
        String id = referralIn(frontDesk.post("/intake", intake(mrn(), UUID.randomUUID().toString())).location());
        PageSession clinician = PageSession.signedIn(port, "clinician");
        assertThat(clinician.landing()).as("a clinician lands on the board").endsWith("/referrals");
        assertThat(frontDesk.landing()).as("the front desk lands on the intake form").endsWith("/");

        assertThat(clinician.get("/").status()).isEqualTo(403);
        assertThat(clinician.get("/intake").status()).isEqualTo(403);
        Page board = clinician.get("/referrals");
        assertThat(board.status()).isEqualTo(200);
        assertThat(board.body()).doesNotContain(">New intake</a>").contains(">Referral board</a>");
        Page referral = clinician.get("/referrals/" + id);
        assertThat(referral.status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT actor, action, channel FROM audit_entry WHERE referral_id = ? ORDER BY id DESC LIMIT 1")
                .param(id).query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)).single())
                .as("opening a referral is audited").isEqualTo("clinician PATIENT_DATA_READ page /referrals/{id}");
        assertThat(referral.body()).doesNotContain("Cancel this referral");
        assertRefused(clinician.post("/referrals/" + id + "/cancel", List.of(Map.entry("reason", "x"))));
        assertThat(timelineDetails(id)).noneMatch(detail -> detail.startsWith("Cancellation requested"));

        assertThat(PageSession.signedIn(port, "lead").get("/referrals/" + id).body()).contains("Cancel this referral");
        assertThat(PageSession.signedIn(port, "scheduler").get("/referrals").status()).isEqualTo(403);
        Page anonymous = PageSession.anonymous(port).get("/");
        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.location()).endsWith("/login");
    }

    @Test
    void an_unknown_referral_has_a_page_saying_so() {
        Page unknown = frontDesk.get("/referrals/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("<title>Referral not found · Backline</title>", "Go to the referral board");
        assertThat(frontDesk.get("/referrals/not-an-id").status()).isEqualTo(404);
    }

    /** The fields a receptionist fills for a neck spasm with fever and a stiff neck. */
    private static List<Map.Entry<String, String>> intake(String mrn, String key) {
        return new ArrayList<>(List.of(
                Map.entry("idempotencyKey", key),
                Map.entry("patient.mrn", mrn),
                Map.entry("patient.givenName", "Ada"),
                Map.entry("patient.familyName", "Lovelace"),
                Map.entry("patient.birthDate", "14/03/1961"),
                Map.entry("patient.sex", "female"),
                Map.entry("patient.phone", ""),
                Map.entry("referrer.name", ""),
                Map.entry("referrer.organisation", "Riverside Family Practice"),
                Map.entry("complaint.region", "CERVICAL"),
                Map.entry("complaint.symptomDurationDays", "2"),
                Map.entry("complaint.painScore", "7"),
                Map.entry("complaint.description", ""),
                Map.entry("findings", "FEVER"),
                Map.entry("findings", "NECK_STIFFNESS"),
                Map.entry("conservativeCareWeeks", "")));
    }

    private static void replace(List<Map.Entry<String, String>> fields, String name, String value) {
        fields.replaceAll(field -> field.getKey().equals(name) ? Map.entry(name, value) : field);
    }

    private static String mrn() {
        return "PG-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String referralIn(String location) {
        Matcher id = REFERRAL_PAGE.matcher(location);
        assertThat(id.find()).as("referral page address in " + location).isTrue();
        return id.group(1);
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    /** A refused POST is a plain 403: never taken for a sign-in attempt. */
    private static void assertRefused(Page answer) {
        assertThat(answer.status()).as("refused").isEqualTo(403);
    }

    private List<String> timelineDetails(String id) {
        return jdbc.sql("SELECT detail FROM referral_timeline WHERE referral_id = ?").param(UUID.fromString(id))
                .query(String.class).list();
    }

    private long referralCount() {
        return jdbc.sql("SELECT count(*) FROM referral").query(Long.class).single();
    }

    private long referralsWithMrn(String mrn) {
        return jdbc.sql("SELECT count(*) FROM referral WHERE intake->'patient'->>'mrn' = ?").param(mrn)
                .query(Long.class).single();
    }
}
