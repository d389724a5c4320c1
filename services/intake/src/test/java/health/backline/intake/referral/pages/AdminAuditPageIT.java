package health.backline.intake.referral.pages;

import static org.assertj.core.api.Assertions.assertThat;

import health.backline.intake.referral.pages.PageSession.Page;
import health.backline.starter.audit.AuditTrail;
import health.backline.testsupport.WithRealInfrastructure;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The starter's audit page and CSV export as intake serves them: a page behind the login form, for admins only;
 * the export with the page's session or with HTTP Basic. Against real Kafka and PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
class AdminAuditPageIT {

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail trail;

    @Autowired
    TestRestTemplate http;

    @Test
    void an_admin_signed_in_through_the_login_form_filters_the_audit_trail_and_exports_the_same_entries_as_csv() {
        String referral = UUID.randomUUID().toString();
        trail.recordRead("clinician", "page /referrals/{id}", List.of(referral), "the referral <b>");
        trail.recordRead("frontdesk", "page /referrals/{id}", List.of(referral), "the referral");
        PageSession admin = PageSession.signedIn(port, "admin");

        Page page = admin.get("/audit?user=clinician&referralId=" + referral);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Audit trail</title>", "1 entry, newest first", "<td>clinician</td>",
                "<td>" + referral + "</td>", "the referral &lt;b&gt;", "name=\"day\"")
                .doesNotContain("<td>frontdesk</td>", "<b>");
        assertThat(page.body()).contains("href=\"/audit.csv?user=clinician&amp;referralId=" + referral + "\"");

        Page csv = admin.get("/audit.csv?user=clinician&referralId=" + referral);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().split("\r\n")).hasSize(2).startsWith("id,at,actor,action,channel,referral_ids,detail");
        assertThat(csv.body()).contains("\"clinician\",\"PATIENT_DATA_READ\",\"page /referrals/{id}\",\"" + referral + "\"");
    }

    @Test
    void the_export_takes_http_basic_and_defuses_a_cell_a_spreadsheet_would_run_as_a_formula() {
        String referral = UUID.randomUUID().toString();
        trail.record("lead", "REFERRAL_CANCEL_REQUESTED", referral, "=HYPERLINK(\"http://evil\")");

        ResponseEntity<String> csv = http.withBasicAuth("admin", "admin")
                .getForEntity(url("/audit.csv?referralId=" + referral), String.class);

        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentType()).hasToString("text/csv;charset=UTF-8");
        assertThat(csv.getHeaders().getContentDisposition().getFilename()).isEqualTo("audit.csv");
        assertThat(csv.getBody()).contains("\"'=HYPERLINK(\"\"http://evil\"\")\"");
    }

    @Test
    void only_admins_open_the_audit_page_or_its_export() {
        assertThat(PageSession.signedIn(port, "clinician").get("/audit").status()).isEqualTo(403);
        assertThat(PageSession.signedIn(port, "frontdesk").get("/audit.csv").status()).isEqualTo(403);
        assertThat(PageSession.anonymous(port).get("/audit").location()).endsWith("/login");
        assertThat(http.getForEntity(url("/audit.csv"), String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.withBasicAuth("clinician", "clinician").getForEntity(url("/audit.csv"), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
