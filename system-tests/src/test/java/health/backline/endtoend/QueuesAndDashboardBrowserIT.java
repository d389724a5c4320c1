package health.backline.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.backline.testsupport.Browser;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The clinicians' queue pages and the administrators' dashboard in headless Chromium, against the
 * four packaged services: referrals go in through the intake API, people work them in the browser.
 * Screenshots land in {@code target/screenshots/}.
 */
class QueuesAndDashboardBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static RunningBackline backline;
    private static JsonNode cases;

    @BeforeAll
    static void backline() throws Exception {
        backline = RunningBackline.shared();
        try (InputStream in = QueuesAndDashboardBrowserIT.class.getClassLoader()
                .getResourceAsStream("processes/triage/cases.json")) {
            cases = JSON.readTree(in).get("cases");
        }
    }

    @Test
    void a_clinician_confirms_an_imaging_review_from_the_queue_and_the_referral_is_scheduled() throws Exception {
        String referral = submit("cancer-history");
        String overdue = submit("fragility-fracture");
        submit("failed-conservative");
        awaitView(referral, v -> "AWAITING_REVIEW".equals(v.path("status").asText()));
        String task = awaitTask(referral, "ReviewImagingReferral");
        String overdueTask = awaitTask(overdue, "ReviewImagingReferral");
        dueAgo(overdueTask, Duration.ofMinutes(42));

        try (Browser browser = Browser.open()) {
            WebDriver driver = browser.driver();
            signIn(driver, "workflow", "clinician");
            driver.get(backline.url("workflow", "/tasks"));
            WebElement row = driver.findElement(By.cssSelector("tr[data-task='" + task + "']"));
            assertThat(row.getText()).contains("Review imaging referral", referral.substring(0, 8), "Helen Price",
                    "Urgent imaging", "Urgent", "Nobody yet");
            WebElement late = driver.findElement(By.cssSelector("tr[data-task='" + overdueTask + "']"));
            assertThat(late.getAttribute("class")).contains("overdue");
            assertThat(late.getText()).containsPattern("4[2-4] min overdue");
            browser.screenshot("clinician-queue");

            row.findElement(By.linkText("Review imaging referral")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/tasks/" + task));
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Review imaging referral");
            String facts = driver.findElement(By.cssSelector("aside.facts")).getText();
            assertThat(facts).contains("Helen Price", "Has had cancer", "R11", "possible spinal metastasis",
                    "Awaiting clinician review");
            driver.findElement(By.id("decision-CONFIRM")).click();
            browser.screenshot("imaging-review");
            driver.findElement(By.cssSelector("#answer button[type=submit]")).click();

            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches(".*/tasks$"));
            assertThat(driver.findElement(By.cssSelector("p.notice")).getText()).contains("Done", referral.substring(0, 8));
            assertThat(driver.findElements(By.cssSelector("tr[data-task='" + task + "']"))).isEmpty();
        }

        JsonNode view = awaitView(referral, v -> "SCHEDULED".equals(v.path("status").asText()));
        assertThat(view.at("/appointment/pathway").asText()).isEqualTo("URGENT_IMAGING");
    }

    @Test
    void a_clinician_returns_an_imaging_referral_to_its_referrer_from_the_queue_and_its_page_says_why() {
        String referral = submit("cancer-history");
        awaitView(referral, v -> "AWAITING_REVIEW".equals(v.path("status").asText()));
        String task = awaitTask(referral, "ReviewImagingReferral");
        String reason = "No red flags on review: please try six weeks of physiotherapy first, then refer again.";

        try (Browser browser = Browser.open()) {
            WebDriver driver = browser.driver();
            signIn(driver, "workflow", "clinician");
            driver.get(backline.url("workflow", "/tasks"));
            driver.findElement(By.cssSelector("tr[data-task='" + task + "']"))
                    .findElement(By.linkText("Review imaging referral")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/tasks/" + task));
            WebElement returnToReferrer = driver.findElement(By.id("decision-RETURN_TO_REFERRER"));
            assertThat(returnToReferrer.findElement(By.xpath("./ancestor::label")).getText())
                    .isEqualTo("Return to the referrer with advice");
            returnToReferrer.click();
            driver.findElement(By.id("reason")).sendKeys(reason);
            browser.screenshot("imaging-review-returned");
            driver.findElement(By.cssSelector("#answer button[type=submit]")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches(".*/tasks$"));
            assertThat(driver.findElement(By.cssSelector("p.notice")).getText()).contains("Done", referral.substring(0, 8));

            awaitView(referral, v -> "RETURNED".equals(v.path("status").asText()));
            signIn(driver, "intake", "clinician");
            driver.get(backline.url("intake", "/referrals/" + referral));
            assertThat(driver.findElement(By.id("referral-status")).getText()).isEqualTo("Returned to the referrer");
            assertThat(driver.findElement(By.id("referral-return-reason")).getText()).isEqualTo(reason);
            assertThat(driver.findElement(By.cssSelector("table.timeline")).getText())
                    .contains("Returned to the referrer", reason);
            browser.screenshot("referral-returned");
        }
    }

    @Test
    void an_admin_sees_the_dashboard_figures_move_when_another_imaging_referral_comes_in() {
        try (Browser browser = Browser.open()) {
            WebDriver driver = browser.driver();
            signIn(driver, "workflow", "admin");
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/dashboard"));
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("The flow today");
            long before = imagingToday(driver);

            String referral = submit("fragility-fracture");
            awaitView(referral, v -> "AWAITING_REVIEW".equals(v.path("status").asText()));

            new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                    .until(d -> imagingToday(d) > before);
            assertThat(driver.findElement(By.id("triage-median")).getText()).isNotEqualTo("–");
            assertThat(driver.findElement(By.cssSelector("#dead-letters")).getText()).contains("referrals.submitted.DLT");
            assertThat(driver.findElement(By.cssSelector("#lag")).getText()).contains("workflow", "scheduling");
            browser.screenshot("dashboard");
            ((JavascriptExecutor) driver).executeScript("document.getElementById('kafka-title').scrollIntoView()");
            browser.screenshot("dashboard-kafka");
        }
    }

    @Test
    void the_front_desk_signing_in_to_the_workflow_is_refused_the_queue() {
        try (Browser browser = Browser.open()) {
            WebDriver driver = browser.driver();
            signIn(driver, "workflow", "frontdesk");
            driver.get(backline.url("workflow", "/tasks"));
            assertThat(driver.findElement(By.cssSelector("p.notice.error")).getText())
                    .contains("Your role cannot open that page");
            assertThat(driver.findElements(By.cssSelector("table.queue"))).isEmpty();
            browser.screenshot("queue-refused");
        }
    }

    private static long imagingToday(WebDriver driver) {
        return Long.parseLong(driver.findElement(By.cssSelector("[data-pathway='URGENT_IMAGING'] .count")).getText().trim());
    }

    private static void signIn(WebDriver driver, String service, String user) {
        driver.get(backline.url(service, "/login"));
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(user);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> !d.getCurrentUrl().endsWith("/login") || !d.findElements(By.cssSelector("p.notice")).isEmpty());
    }

    private static String submit(String caseId) {
        for (JsonNode clinicalCase : cases) {
            if (clinicalCase.get("id").asText().equals(caseId)) {
                RunningBackline.Response accepted = backline.post("intake", "/api/referrals", "frontdesk",
                        clinicalCase.get("intake").toString(), Map.of());
                assertThat(accepted.status()).isEqualTo(202);
                return accepted.body().get("id").asText();
            }
        }
        throw new IllegalStateException("No clinical case " + caseId);
    }

    private static JsonNode awaitView(String referral, Predicate<JsonNode> expected) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> backline.get("intake", "/api/referrals/" + referral, "frontdesk").body(),
                        view -> view != null && expected.test(view));
    }

    private static String awaitTask(String referral, String key) {
        JsonNode tasks = await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> backline.get("workflow", "/api/tasks?referralId=" + referral, "clinician").body(),
                        open -> open != null && open.findValuesAsText("key").contains(key));
        for (JsonNode task : tasks) {
            if (task.get("key").asText().equals(key)) {
                return task.get("id").asText();
            }
        }
        throw new IllegalStateException(key + " vanished");
    }

    /** Moves a task's due time into the past through Camunda REST, as an admin may: a review gone overdue. */
    private static void dueAgo(String taskId, Duration ago) throws Exception {
        ObjectNode task = (ObjectNode) backline.get("workflow", "/engine-rest/task/" + taskId, "admin").body();
        ObjectNode update = JSON.createObjectNode();
        for (String field : new String[] {"name", "description", "priority", "assignee", "owner", "delegationState",
                "followUp", "parentTaskId", "caseInstanceId", "tenantId"}) {
            update.set(field, task.get(field));
        }
        update.put("due", DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
                .format(Instant.now().minus(ago).atOffset(ZoneOffset.UTC)));
        String credentials = Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(backline.url("workflow", "/engine-rest/task/" + taskId)))
                .header("Authorization", "Basic " + credentials).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(update.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }
}
