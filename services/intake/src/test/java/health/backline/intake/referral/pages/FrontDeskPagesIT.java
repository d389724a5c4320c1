package health.backline.intake.referral.pages;

import static health.backline.intake.referral.pages.PageBrowser.assertPageRefused;
import static health.backline.intake.referral.pages.PageBrowser.status;
import static health.backline.intake.referral.pages.PageBrowser.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import health.backline.events.Pathway;
import health.backline.events.Priority;
import health.backline.events.ReferralStatus;
import health.backline.events.intake.Finding;
import health.backline.events.payload.ReferralStatusChanged;
import health.backline.events.payload.ReferralTriaged;
import health.backline.intake.IntakeServiceTest;
import health.backline.intake.tracking.ReferralProgress;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.htmlunit.Page;
import org.htmlunit.WebResponse;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlOption;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The front desk's pages as a browser reads them (HtmlUnit over MockMvc: the DOM, the login form, the forms the
 * pages serve with their CSRF tokens), against real Kafka and PostgreSQL.
 */
@IntakeServiceTest
class FrontDeskPagesIT {

    private static final Pattern REFERRAL_PAGE = Pattern.compile("/referrals/([0-9a-f-]{36})$");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReferralProgress progress;

    @Autowired
    UserDetailsService users;

    PageBrowser frontDesk;

    @BeforeEach
    void signIn() {
        frontDesk = PageBrowser.signedIn(mvc, "frontdesk");
    }

    @Test
    void the_intake_form_asks_about_every_finding_once_in_plain_words_and_labels_every_input() {
        HtmlPage page = frontDesk.open("/");

        assertThat(status(page)).isEqualTo(200);
        assertThat(page.getDocumentElement().getAttribute("lang")).isEqualTo("en");
        assertThat(page.getTitleText()).isEqualTo("New intake · Backline");
        HtmlForm form = page.getHtmlElementById("intake-form");
        for (Finding finding : Finding.values()) {
            assertThat(form.querySelectorAll("input[name=findings][value=" + finding.name() + "]")).as(finding.name()).hasSize(1);
            DomElement label = page.querySelector("label.check[for=finding-" + finding.name() + "]");
            assertThat(label).as("label of " + finding.name()).isNotNull();
            assertThat(label.asNormalizedText()).contains(finding.reportedAs());
        }
        assertThat(form.getInputsByName("findings")).hasSize(Finding.values().length);
        assertThat(form.asNormalizedText()).contains("Emergency signs", "Injury", "Infection and inflammation",
                "History and risk", "Lifestyle");
        int labelled = 0;
        for (DomNode field : form.querySelectorAll("input[id], select[id], textarea[id]")) {
            String id = ((DomElement) field).getId();
            assertThat(page.querySelectorAll("label[for=\"" + id + "\"]")).as("label for #" + id).hasSize(1);
            labelled++;
        }
        assertThat(labelled).isEqualTo(6 + 2 + 3 + 3 + Finding.values().length + 1 + 2 + 8 * 2 + 5);
        assertThat(page.<HtmlInput>getHtmlElementById("complaint-region-LUMBAR").getTypeAttribute()).isEqualTo("radio");
        DomElement startBack = page.querySelector("details.card.start-back");
        assertThat(startBack.hasAttribute("open")).isFalse();
        assertThat(startBack.getTextContent()).contains("I have only walked short distances");
        assertThat(form.getInputByName("idempotencyKey").getValue()).matches("[0-9a-f-]{36}");
        assertThat(page.querySelectorAll("form[action=\"/logout\"]")).hasSize(1);
        assertThat(page.asNormalizedText()).contains("Signed in as frontdesk");
    }

    @Test
    void a_form_with_problems_comes_back_as_typed_with_each_message_beside_its_field_and_nothing_is_recorded() {
        long before = referralCount();
        HtmlForm form = filledIntake("MRN 42!");
        String key = form.getInputByName("idempotencyKey").getValue();
        type(form, "complaint.painScore", "11");
        form.getRadioButtonsByName("complaint.region").forEach(region -> region.setChecked(false));
        choose(form, "startBack.3", "agree");

        HtmlPage page = frontDesk.submit(form);

        assertThat(status(page)).isEqualTo(422);
        assertThat(page.getTitleText()).isEqualTo("Error: New intake · Backline");
        assertThat(text(page, "error-summary-title")).isEqualTo("11 fields need attention");
        assertThat(page.getAnchors()).extracting(anchor -> anchor.getHrefAttribute()).contains("#patient-mrn",
                "#complaint-painScore", "#complaint-region-CERVICAL", "#startBack-1-agree", "#startBack-9-NOT_AT_ALL");
        HtmlInput mrn = page.getHtmlElementById("patient-mrn");
        assertThat(mrn.getValue()).isEqualTo("MRN 42!");
        assertThat(mrn.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(mrn.getAttribute("aria-describedby")).isEqualTo("patient-mrn-error");
        assertThat(text(page, "patient-mrn-error")).isEqualTo("Error: MRN must be 1-32 letters, digits or hyphens");
        HtmlInput pain = page.getHtmlElementById("complaint-painScore");
        assertThat(pain.getValue()).isEqualTo("11");
        assertThat(pain.getAttribute("aria-describedby")).isEqualTo("complaint-painScore-error complaint-painScore-hint");
        assertThat(text(page, "complaint-painScore-error")).isEqualTo("Error: Pain score must be between 0 and 10");
        assertThat(text(page, "complaint-region-error")).isEqualTo("Error: Region is required");
        assertThat(text(page, "startBack-1-error")).contains("STarT Back question 1 must be true (agree) or false (disagree)");
        assertThat(page.<HtmlInput>getHtmlElementById("startBack-3-agree").isChecked()).isTrue();
        assertThat(page.querySelectorAll("details.card.start-back[open]")).hasSize(1);
        HtmlInput givenName = page.getHtmlElementById("patient-givenName");
        assertThat(givenName.getValue()).isEqualTo("Ada");
        assertThat(givenName.hasAttribute("aria-invalid")).isFalse();
        assertThat(page.<HtmlInput>getHtmlElementById("patient-birthDate").getValue()).isEqualTo("14/03/1961");
        assertThat(page.<HtmlInput>getHtmlElementById("finding-FEVER").isChecked()).isTrue();
        assertThat(page.<HtmlInput>getHtmlElementById("finding-CHEST_PAIN").isChecked()).isFalse();
        assertThat(page.<HtmlSelect>getHtmlElementById("patient-sex").getSelectedOptions())
                .extracting(HtmlOption::getValueAttribute, HtmlOption::getText).containsExactly(tuple("female", "Female"));
        assertThat(page.<HtmlForm>getHtmlElementById("intake-form").getInputByName("idempotencyKey").getValue()).isEqualTo(key);
        assertThat(referralCount()).isEqualTo(before);
    }

    @Test
    void a_good_intake_is_recorded_as_the_api_would_and_opens_the_referral_page() throws Exception {
        String mrn = mrn();
        HtmlForm form = filledIntake(mrn);
        type(form, "conservativeCareWeeks", "3");
        choose(form, "improving", "no");
        for (int item = 1; item <= 8; item++) {
            choose(form, "startBack." + item, item % 2 == 0 ? "agree" : "disagree");
        }
        choose(form, "startBack.9", "VERY_MUCH");

        MockHttpServletResponse answer = sentAs("frontdesk", form);

        assertThat(answer.getStatus()).as("see other: a reload does not send the form again").isEqualTo(303);
        String id = referralIn(answer.getRedirectedUrl());
        HtmlPage referral = frontDesk.open("/referrals/" + id);
        assertThat(status(referral)).isEqualTo(200);
        assertThat(referral.asNormalizedText()).contains("Ada Lovelace", mrn, "14 Mar 1961", "Intake recorded by the front desk");
        assertThat(text(referral, "referral-status")).isEqualTo("Submitted");
        assertThat(referral.getHtmlElementById("referral-details").getAttribute("data-refresh")).isEqualTo("/referrals/" + id);
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
        HtmlForm form = filledIntake(mrn);

        HtmlPage first = frontDesk.submit(form);
        assertThat(first.asNormalizedText()).contains("Referral recorded.");
        String id = referralIn(first.getUrl().getPath());
        HtmlPage again = frontDesk.submit(form); // back, and send again

        assertThat(again.getUrl().getPath()).isEqualTo("/referrals/" + id);
        assertThat(again.asNormalizedText()).contains("This intake was already recorded");
        assertThat(referralsWithMrn(mrn)).isEqualTo(1);

        type(form, "complaint.painScore", "8");
        HtmlPage conflict = frontDesk.submit(form);

        assertThat(status(conflict)).isEqualTo(409);
        assertThat(conflict.asNormalizedText()).contains("This form was sent before");
        assertThat(conflict.getAnchors()).extracting(anchor -> anchor.getHrefAttribute()).contains("/referrals/" + id);
        HtmlForm changed = conflict.getHtmlElementById("intake-form");
        assertThat(changed.getInputByName("complaint.painScore").getValue()).isEqualTo("8");
        assertThat(changed.getInputByName("idempotencyKey").getValue())
                .isNotEqualTo(form.getInputByName("idempotencyKey").getValue());
        assertThat(referralsWithMrn(mrn)).isEqualTo(1);
    }

    @Test
    void the_board_lists_todays_referrals_newest_first_and_filters_by_status_and_pathway() {
        String imagingMrn = mrn();
        String waitingMrn = mrn();
        String imaging = recorded(imagingMrn);
        String waiting = recorded(waitingMrn);
        progress.triaged(new ReferralTriaged(imaging, Pathway.URGENT_IMAGING, Priority.URGENT, List.of("R13"),
                List.of("Minor injury with fracture risk: possible fragility fracture"), null));

        HtmlPage board = frontDesk.open("/referrals");

        assertThat(status(board)).isEqualTo(200);
        assertThat(board.getTitleText()).isEqualTo("Referral board · Backline");
        List<String> rows = board.querySelectorAll("#board-rows tr").stream().map(row -> ((DomElement) row).getId()).toList();
        assertThat(rows.indexOf("referral-" + waiting)).as("newest first").isNotNegative()
                .isLessThan(rows.indexOf("referral-" + imaging));
        assertThat(text(board, "referral-" + imaging)).contains("Ada Lovelace", imagingMrn, "Triaged", "Urgent imaging", "—");
        assertThat(board.querySelector("#referral-" + imaging + " .badge.URGENT_IMAGING").asNormalizedText())
                .isEqualTo("Urgent imaging");
        assertThat(text(board, "referral-" + waiting)).contains("Submitted", "Awaiting triage");
        assertThat(board.getAnchors()).extracting(anchor -> anchor.getHrefAttribute()).contains("/referrals/" + imaging);
        assertThat(board.getHtmlElementById("board-rows").getAttribute("data-refresh")).isEqualTo("/referrals/rows");

        HtmlPage imagingOnly = frontDesk.open("/referrals?pathway=URGENT_IMAGING");
        assertThat(imagingOnly.asNormalizedText()).contains(imagingMrn).doesNotContain(waitingMrn);
        assertThat(imagingOnly.getHtmlElementById("board-rows").getAttribute("data-refresh"))
                .isEqualTo("/referrals/rows?pathway=URGENT_IMAGING");
        assertThat(imagingOnly.<HtmlSelect>getHtmlElementById("pathway").getSelectedOptions())
                .extracting(HtmlOption::getValueAttribute, HtmlOption::getText).containsExactly(tuple("URGENT_IMAGING", "Urgent imaging"));
        assertThat(frontDesk.open("/referrals?status=SUBMITTED").asNormalizedText()).contains(waitingMrn).doesNotContain(imagingMrn);

        Page refreshed = frontDesk.get("/referrals/rows?status=TRIAGED&pathway=URGENT_IMAGING");
        assertThat(status(refreshed)).isEqualTo(200);
        assertThat(refreshed.getWebResponse().getContentAsString().strip()).as("the rows alone, for the page to swap in")
                .startsWith("<tbody").endsWith("</tbody>").contains(imagingMrn).doesNotContain(waitingMrn, "<html");

        String yesterday = LocalDate.now(ZoneId.of("Europe/London")).minusDays(1).toString();
        assertThat(frontDesk.open("/referrals?day=" + yesterday).asNormalizedText()).doesNotContain(imagingMrn, waitingMrn);
        assertThat(frontDesk.open("/referrals?status=LOST").asNormalizedText()).contains("Not understood, so ignored: status", waitingMrn);
    }

    @Test
    void the_front_desk_cancels_from_the_referral_page_with_a_reason() {
        String id = recorded(mrn());
        HtmlPage page = frontDesk.open("/referrals/" + id);
        assertThat(page.asNormalizedText()).contains("Cancel this referral");
        HtmlForm cancel = cancelForm(page, id);

        cancel.getTextAreaByName("reason").setText("  ");
        HtmlPage noReason = frontDesk.submit(cancel);
        assertThat(status(noReason)).isEqualTo(422);
        assertThat(text(noReason, "reason-error")).isEqualTo("Error: Reason for cancelling is required: 1-500 characters");
        DomElement reason = noReason.getHtmlElementById("reason");
        assertThat(reason.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(reason.getAttribute("aria-describedby")).isEqualTo("reason-error reason-hint");
        assertThat(noReason.querySelectorAll("details.card.cancel[open]")).hasSize(1);

        HtmlForm again = cancelForm(noReason, id);
        again.getTextAreaByName("reason").setText("Patient moved away");
        HtmlPage cancelled = frontDesk.submit(again);
        assertThat(cancelled.getUrl().getPath()).isEqualTo("/referrals/" + id);
        assertThat(cancelled.asNormalizedText()).contains("Cancellation requested.",
                "Cancellation requested by frontdesk: Patient moved away");

        progress.statusChanged(new ReferralStatusChanged(id, ReferralStatus.CANCELLED, null, "Referral cancelled", Instant.now()));
        HtmlPage closed = frontDesk.open("/referrals/" + id);
        assertThat(text(closed, "referral-status")).isEqualTo("Cancelled");
        assertThat(closed.asNormalizedText()).doesNotContain("Cancel this referral");
        assertThat(closed.querySelectorAll("[data-refresh]")).isEmpty();
        cancel.getTextAreaByName("reason").setText("again"); // the page as it was, still open in another tab
        HtmlPage tooLate = frontDesk.submit(cancel);
        assertThat(status(tooLate)).isEqualTo(409);
        assertThat(tooLate.asNormalizedText()).contains("This referral cannot be cancelled");
    }

    @Test
    void a_referral_returned_to_its_referrer_shows_the_reason_on_its_page_and_the_board_and_cannot_be_cancelled() {
        String mrn = mrn();
        String id = recorded(mrn);
        String reason = "No red flags: please try six weeks of physiotherapy first.";
        progress.statusChanged(new ReferralStatusChanged(id, ReferralStatus.RETURNED, Pathway.URGENT_IMAGING, reason,
                Instant.now()));

        HtmlPage page = frontDesk.open("/referrals/" + id);
        assertThat(text(page, "referral-status")).isEqualTo("Returned to the referrer");
        assertThat(text(page, "referral-return-reason")).isEqualTo(reason);
        assertThat(page.asNormalizedText()).doesNotContain("Cancel this referral");
        assertThat(page.querySelectorAll("[data-refresh]")).as("a returned referral changes no more").isEmpty();

        HtmlPage board = frontDesk.open("/referrals?status=RETURNED");
        assertThat(board.querySelector("#referral-" + id + " td.status").asNormalizedText())
                .contains("Returned to the referrer", reason);
        assertThat(text(frontDesk.open("/referrals/" + recorded(mrn())), "referral-details"))
                .doesNotContain("Reason for returning");
    }

    @Test
    void a_form_sent_without_its_csrf_token_is_refused() {
        String mrn = mrn();
        HtmlForm form = filledIntake(mrn);

        assertRefused(frontDesk.postWithoutToken("/intake", fieldsOf(form)));

        assertThat(referralsWithMrn(mrn)).isZero();
        String id = referralIn(frontDesk.submit(form).getUrl().getPath());
        assertThat(referralsWithMrn(mrn)).as("the same fields, with the page's token").isEqualTo(1);
        assertRefused(frontDesk.postWithoutToken("/referrals/" + id + "/cancel", List.of(Map.entry("reason", "x"))));
        assertThat(timelineDetails(id)).noneMatch(detail -> detail.startsWith("Cancellation requested"));
        assertRefused(frontDesk.postWithoutToken("/logout", List.of()));
        assertThat(status(frontDesk.open("/referrals"))).as("still signed in").isEqualTo(200);
    }

    @Test
    void every_read_of_the_board_and_its_rows_of_any_day_is_audited_with_every_referral_it_showed() {
        String id = recorded(mrn());
        PageBrowser clinician = PageBrowser.signedIn(mvc, "clinician");

        clinician.open("/referrals");
        assertThat(lastReadBy("clinician", "page /referrals")).as("opening the board").contains(id);
        clinician.get("/referrals/rows");
        assertThat(lastReadBy("clinician", "page /referrals/rows")).as("a refresh of its rows").contains(id);
        long before = readsBy("clinician");
        Page longAgo = clinician.get("/referrals/rows?day=2020-02-03");
        assertThat(status(longAgo)).isEqualTo(200);
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
    void a_clinician_follows_referrals_but_cannot_open_the_intake_form_or_cancel() throws Exception {
        String id = recorded(mrn());
        PageBrowser clinician = PageBrowser.signedIn(mvc, "clinician");
        assertThat(clinician.landing()).as("a clinician lands on the board").isEqualTo("/referrals");
        assertThat(frontDesk.landing()).as("the front desk lands on the intake form").isEqualTo("/");

        assertPageRefused(mvc, users.loadUserByUsername("clinician"), "/");
        assertPageRefused(mvc, users.loadUserByUsername("clinician"), "/intake");
        HtmlPage board = clinician.open("/referrals");
        assertThat(status(board)).isEqualTo(200);
        assertThat(board.getAnchors()).extracting(anchor -> anchor.asNormalizedText())
                .contains("Referral board").doesNotContain("New intake");
        HtmlPage referral = clinician.open("/referrals/" + id);
        assertThat(status(referral)).isEqualTo(200);
        assertThat(jdbc.sql("SELECT actor, action, channel FROM audit_entry WHERE referral_id = ? ORDER BY id DESC LIMIT 1")
                .param(id).query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)).single())
                .as("opening a referral is audited").isEqualTo("clinician PATIENT_DATA_READ page /referrals/{id}");
        assertThat(referral.asNormalizedText()).doesNotContain("Cancel this referral");
        assertRefused(clinician.postAsSignedIn(referral, "/referrals/" + id + "/cancel", List.of(Map.entry("reason", "x"))));
        assertThat(timelineDetails(id)).noneMatch(detail -> detail.startsWith("Cancellation requested"));

        assertThat(PageBrowser.signedIn(mvc, "lead").open("/referrals/" + id).asNormalizedText()).contains("Cancel this referral");
        assertPageRefused(mvc, users.loadUserByUsername("scheduler"), "/referrals");
        assertThat(PageBrowser.anonymous(mvc).open("/").getUrl().getPath()).as("anonymous: to the sign-in page").isEqualTo("/login");
        MockHttpServletResponse anonymous = mvc.perform(get("/")).andReturn().getResponse();
        assertThat(anonymous.getStatus()).isEqualTo(302);
        assertThat(anonymous.getRedirectedUrl()).endsWith("/login");
    }

    @Test
    void an_unknown_referral_has_a_page_saying_so() {
        HtmlPage unknown = frontDesk.open("/referrals/" + UUID.randomUUID());
        assertThat(status(unknown)).isEqualTo(404);
        assertThat(unknown.getTitleText()).isEqualTo("Referral not found · Backline");
        assertThat(unknown.getAnchors()).extracting(anchor -> anchor.asNormalizedText()).contains("Go to the referral board");
        assertThat(status(frontDesk.get("/referrals/not-an-id"))).isEqualTo(404);
    }

    /** The intake form as a receptionist fills it for a neck spasm with fever and a stiff neck. */
    private HtmlForm filledIntake(String mrn) {
        HtmlForm form = frontDesk.open("/").getHtmlElementById("intake-form");
        type(form, "patient.mrn", mrn);
        type(form, "patient.givenName", "Ada");
        type(form, "patient.familyName", "Lovelace");
        type(form, "patient.birthDate", "14/03/1961");
        form.getSelectByName("patient.sex").setSelectedAttribute("female", true);
        type(form, "referrer.organisation", "Riverside Family Practice");
        choose(form, "complaint.region", "CERVICAL");
        type(form, "complaint.symptomDurationDays", "2");
        type(form, "complaint.painScore", "7");
        choose(form, "findings", "FEVER");
        choose(form, "findings", "NECK_STIFFNESS");
        return form;
    }

    /** A referral recorded through the intake form; its id. */
    private String recorded(String mrn) {
        return referralIn(frontDesk.submit(filledIntake(mrn)).getUrl().getPath());
    }

    private static void type(HtmlForm form, String name, String value) {
        form.getInputByName(name).setValue(value);
    }

    /** Ticks the checkbox or radio button of this name with this value. */
    private static void choose(HtmlForm form, String name, String value) {
        form.getInputsByName(name).stream().filter(input -> input.getValueAttribute().equals(value)).findFirst()
                .orElseThrow(() -> new AssertionError("no choice " + value + " for " + name)).setChecked(true);
    }

    /** What the form would send, without its CSRF token. */
    private static List<Map.Entry<String, String>> fieldsOf(HtmlForm form) {
        return form.getWebRequest(null).getRequestParameters().stream().filter(field -> !field.getName().equals("_csrf"))
                .map(field -> Map.entry(field.getName(), field.getValue())).toList();
    }

    private static String mrn() {
        return "PG-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Sends what the form would send, as this user, straight to the service, for the answer's own status (HtmlUnit
     * over MockMvc reports every redirect as 301).
     */
    private MockHttpServletResponse sentAs(String user, HtmlForm form) throws Exception {
        MockHttpServletRequestBuilder request = post(form.getActionAttribute()).with(user(users.loadUserByUsername(user)))
                .with(csrf());
        fieldsOf(form).forEach(field -> request.param(field.getKey(), field.getValue()));
        return mvc.perform(request).andReturn().getResponse();
    }

    private static HtmlForm cancelForm(HtmlPage page, String id) {
        HtmlForm form = page.getFirstByXPath("//form[@action='/referrals/" + id + "/cancel']");
        assertThat(form).as("cancel form on " + page.getUrl()).isNotNull();
        return form;
    }

    private static String referralIn(String location) {
        Matcher id = REFERRAL_PAGE.matcher(location);
        assertThat(id.find()).as("referral page address in " + location).isTrue();
        return id.group(1);
    }

    /** A refused POST is a plain 403: never taken for a sign-in attempt. */
    private static void assertRefused(WebResponse answer) {
        assertThat(answer.getStatusCode()).as("refused").isEqualTo(403);
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
