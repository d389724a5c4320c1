package health.backline.intake.referral.pages;

import static health.backline.intake.referral.pages.PageBrowser.assertPageRefused;
import static health.backline.intake.referral.pages.PageBrowser.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import health.backline.intake.IntakeServiceTest;
import health.backline.starter.audit.AuditTrail;
import java.util.List;
import java.util.UUID;
import org.htmlunit.Page;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The starter's audit page and CSV export as intake serves them: a page behind the login form, for admins only
 * (read as a browser reads it: HtmlUnit over MockMvc); the export with the page's session or with HTTP Basic, as a
 * script fetches it. Against real Kafka and PostgreSQL.
 */
@IntakeServiceTest
class AdminAuditPageIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    AuditTrail trail;

    @Autowired
    UserDetailsService users;

    @Test
    void an_admin_signed_in_through_the_login_form_filters_the_audit_trail_and_exports_the_same_entries_as_csv() {
        String referral = UUID.randomUUID().toString();
        trail.recordRead("clinician", "page /referrals/{id}", List.of(referral), "the referral <b>");
        trail.recordRead("frontdesk", "page /referrals/{id}", List.of(referral), "the referral");
        PageBrowser admin = PageBrowser.signedIn(mvc, "admin");

        HtmlPage page = admin.open("/audit?user=clinician&referralId=" + referral);

        assertThat(status(page)).isEqualTo(200);
        assertThat(page.getTitleText()).isEqualTo("Audit trail");
        assertThat(page.asNormalizedText()).contains("1 entry, newest first", "the referral <b>");
        List<String> cells = page.querySelectorAll("td").stream().map(DomNode::asNormalizedText).toList();
        assertThat(cells).contains("clinician", referral).doesNotContain("frontdesk");
        assertThat(page.querySelectorAll("td b")).as("a detail is text, never markup").isEmpty();
        assertThat(page.getElementsByName("day")).hasSize(1);
        assertThat(page.getAnchors()).extracting(anchor -> anchor.getHrefAttribute())
                .contains("/audit.csv?user=clinician&referralId=" + referral);

        Page csv = admin.get("/audit.csv?user=clinician&referralId=" + referral);
        assertThat(status(csv)).isEqualTo(200);
        String rows = csv.getWebResponse().getContentAsString();
        assertThat(rows.split("\r\n")).hasSize(2).startsWith("id,at,actor,action,channel,referral_ids,detail");
        assertThat(rows).contains("\"clinician\",\"PATIENT_DATA_READ\",\"page /referrals/{id}\",\"" + referral + "\"");
    }

    @Test
    void the_export_takes_http_basic_and_defuses_a_cell_a_spreadsheet_would_run_as_a_formula() throws Exception {
        String referral = UUID.randomUUID().toString();
        trail.record("lead", "REFERRAL_CANCEL_REQUESTED", referral, "=HYPERLINK(\"http://evil\")");

        MockHttpServletResponse csv = mvc.perform(get("/audit.csv?referralId=" + referral).with(httpBasic("admin", "admin")))
                .andReturn().getResponse();

        assertThat(csv.getStatus()).isEqualTo(200);
        assertThat(csv.getContentType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(csv.getHeader(HttpHeaders.CONTENT_DISPOSITION)).contains("filename=\"audit.csv\"");
        assertThat(csv.getContentAsString()).contains("\"'=HYPERLINK(\"\"http://evil\"\")\"");
    }

    @Test
    void only_admins_open_the_audit_page_or_its_export() throws Exception {
        assertPageRefused(mvc, users.loadUserByUsername("clinician"), "/audit");
        assertThat(mvc.perform(get("/audit.csv").with(user(users.loadUserByUsername("frontdesk")))).andReturn().getResponse()
                .getStatus()).isEqualTo(403);
        assertThat(PageBrowser.anonymous(mvc).open("/audit").getUrl().getPath()).as("anonymous: to the sign-in page")
                .isEqualTo("/login");
        assertThat(mvc.perform(get("/audit.csv").accept(MediaType.parseMediaType("text/csv"))).andReturn().getResponse()
                .getStatus()).as("a script without credentials").isEqualTo(401);
        assertThat(mvc.perform(get("/audit.csv").with(httpBasic("clinician", "clinician"))).andReturn().getResponse()
                .getStatus()).isEqualTo(403);
    }
}
