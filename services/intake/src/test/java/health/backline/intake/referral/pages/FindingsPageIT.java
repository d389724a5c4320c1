package health.backline.intake.referral.pages;

import static health.backline.intake.referral.pages.PageBrowser.status;
import static health.backline.intake.referral.pages.PageBrowser.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.events.Pathway;
import health.backline.events.Priority;
import health.backline.events.ReferralStatus;
import health.backline.events.payload.ReferralRetriaged;
import health.backline.events.payload.ReferralStatusChanged;
import health.backline.events.payload.ReferralTriaged;
import health.backline.events.intake.Finding;
import health.backline.events.intake.Intake;
import health.backline.intake.IntakeServiceTest;
import health.backline.intake.referral.ReferralSubmission;
import health.backline.starter.intake.IntakeValidator;
import health.backline.intake.tracking.ReferralProgress;
import health.backline.testsupport.ExampleIntake;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The referral page's "Add new findings" form and its re-triage table, as a browser reads them. */
@IntakeServiceTest
class FindingsPageIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReferralProgress progress;

    @Autowired
    ReferralSubmission submission;

    @Autowired
    IntakeValidator validator;

    @Autowired
    ObjectMapper json;

    @Test
    void a_clinician_adds_findings_on_the_referral_page_and_sees_them_and_the_retriage() throws Exception {
        String id = referral();
        PageBrowser clinician = PageBrowser.signedIn(mvc, "clinician");
        HtmlPage page = clinician.open("/referrals/" + id);
        assertThat(page.asNormalizedText()).contains("Add new findings").doesNotContain("Re-triage after new findings");
        HtmlForm form = findingsForm(page, id);
        assertThat(form.getInputsByName("findings")).as("every finding, grouped as on the intake form")
                .hasSize(Finding.values().length);
        assertThat(form.asNormalizedText()).contains("Emergency signs", "Infection and inflammation", "Fever or chills");

        form.getInputByName("painScore").setValue("11");
        form.getInputByName("symptomDurationDays").setValue("-3");
        HtmlPage refused = clinician.submit(form);

        assertThat(status(refused)).isEqualTo(422);
        assertThat(text(refused, "painScore-error")).isEqualTo("Error: Pain score must be between 0 and 10");
        assertThat(text(refused, "symptomDurationDays-error")).isEqualTo("Error: Days with symptoms must be between 0 and 3650");
        HtmlInput pain = refused.getHtmlElementById("painScore");
        assertThat(pain.getValue()).isEqualTo("11");
        assertThat(pain.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(refused.querySelectorAll("details.add-findings[open]")).hasSize(1);
        assertThat(timelineDetails(id)).hasSize(1);

        HtmlForm again = findingsForm(refused, id);
        again.getInputByName("painScore").setValue("");
        again.getInputByName("symptomDurationDays").setValue("");
        HtmlPage nothing = clinician.submit(again);
        assertThat(status(nothing)).isEqualTo(422);
        assertThat(text(nothing, "findings-error"))
                .isEqualTo("Error: Findings must name at least one finding when neither pain score nor days with "
                        + "symptoms is given");

        HtmlForm good = findingsForm(nothing, id);
        good.getInputsByName("findings").stream().filter(box -> box.getValueAttribute().equals("FEVER")).findFirst()
                .orElseThrow().setChecked(true);
        good.getTextAreaByName("note").setText("Rang at noon");
        HtmlPage recorded = clinician.submit(good);

        assertThat(recorded.getUrl().getPath()).isEqualTo("/referrals/" + id);
        assertThat(recorded.asNormalizedText()).contains("Findings sent.",
                "New findings recorded by clinician: Fever or chills. Note: Rang at noon");
        assertThat(clinician.submit(good).asNormalizedText()).as("sent twice, recorded once")
                .containsOnlyOnce("New findings recorded by clinician");

        progress.triaged(new ReferralTriaged(id, Pathway.PHYSICAL_THERAPY, Priority.ROUTINE, List.of("R23"),
                List.of("Recurrent spasms"), null));
        progress.retriaged(new ReferralRetriaged(id, 1, Instant.now(), "Rang at noon", new ReferralTriaged(id,
                Pathway.URGENT_IMAGING, Priority.URGENT, List.of("R08"), List.of("Fever: possible infection"), null)));
        HtmlPage retriaged = clinician.open("/referrals/" + id);
        assertThat(text(retriaged, "revision-1")).contains("Urgent imaging", "Urgent", "R08", "Applied");
        assertThat(retriaged.asNormalizedText())
                .contains("Re-triaged after new findings: Urgent imaging (R08), applies at once");
    }

    @Test
    void a_less_urgent_retriage_waits_for_review_and_only_an_open_referral_offers_the_form() throws Exception {
        String id = referral();
        progress.triaged(new ReferralTriaged(id, Pathway.URGENT_IMAGING, Priority.URGENT, List.of("R13"),
                List.of("Minor injury with fracture risk"), null));
        progress.retriaged(new ReferralRetriaged(id, 1, Instant.now(), null, new ReferralTriaged(id,
                Pathway.PHYSICAL_THERAPY, Priority.ROUTINE, List.of("R23"), List.of("Recurrent spasms"), null)));
        PageBrowser frontDesk = PageBrowser.signedIn(mvc, "frontdesk");

        HtmlPage page = frontDesk.open("/referrals/" + id);
        assertThat(text(page, "revision-1")).contains("Physical therapy", "Routine", "R23", "Waiting for clinician review");

        HtmlForm stale = findingsForm(page, id);
        progress.statusChanged(new ReferralStatusChanged(id, ReferralStatus.CANCELLED, null, "Referral cancelled",
                Instant.now()));
        assertThat(frontDesk.open("/referrals/" + id).asNormalizedText()).doesNotContain("Add new findings");
        stale.getInputByName("painScore").setValue("9"); // the page as it was, still open in another tab
        HtmlPage tooLate = frontDesk.submit(stale);
        assertThat(status(tooLate)).isEqualTo(409);
        assertThat(tooLate.asNormalizedText()).contains("New findings cannot be added");
    }

    @Test
    void an_admin_follows_referrals_but_adds_no_findings() throws Exception {
        String id = referral();
        PageBrowser admin = PageBrowser.signedIn(mvc, "admin");

        HtmlPage page = admin.open("/referrals/" + id);

        assertThat(status(page)).isEqualTo(200);
        assertThat(page.asNormalizedText()).doesNotContain("Add new findings");
        assertThat(admin.postAsSignedIn(page, "/referrals/" + id + "/findings", List.of(Map.entry("findings", "FEVER")))
                .getStatusCode()).isEqualTo(403);
        assertThat(timelineDetails(id)).hasSize(1);
        assertThat(PageBrowser.signedIn(mvc, "lead").open("/referrals/" + id).asNormalizedText())
                .contains("Add new findings");
    }

    /** A referral of the contract's example intake, recorded as the API records it. */
    private String referral() throws Exception {
        String mrn = "PG-" + UUID.randomUUID().toString().substring(0, 8);
        Intake intake = validator.validate(json.readTree(ExampleIntake.json(mrn)));
        return submission.submit(intake, null).referral().id().toString();
    }

    private static HtmlForm findingsForm(HtmlPage page, String id) {
        HtmlForm form = page.getFirstByXPath("//form[@action='/referrals/" + id + "/findings']");
        assertThat(form).as("new findings form on " + page.getUrl()).isNotNull();
        return form;
    }

    private List<String> timelineDetails(String id) {
        return jdbc.sql("SELECT detail FROM referral_timeline WHERE referral_id = ?").param(UUID.fromString(id))
                .query(String.class).list();
    }
}
