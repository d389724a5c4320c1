package health.backline.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.endtoend.RunningBackline.Response;
import health.backline.testsupport.Browser;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Freed and added slots reach the referrals waiting for one, through the public API only: on services whose
 * scheduling seeds no capacity, so every physiotherapy referral first fails to book and waits with a scheduler's
 * BookManually task. A slot a scheduler adds goes to the one that has waited longest; a cancellation frees it
 * for the next; each time the manual booking ends by itself. A scheduler picks a slot on the slot-issue list
 * in headless Chromium (screenshot in {@code target/screenshots/}).
 */
class FreedSlotsEndToEndIT {

    private static final Logger log = LoggerFactory.getLogger(FreedSlotsEndToEndIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String[] SERVICES = {"intake", "triage", "workflow", "scheduling"};

    private static OwnBrokerAndDatabase brokerAndDatabase;
    private static RunningBackline backline;
    private static JsonNode physiotherapyCase;

    @BeforeAll
    static void servicesWithNoSeededCapacity() throws Exception {
        brokerAndDatabase = OwnBrokerAndDatabase.start("offers");
        List<String> settings = new ArrayList<>(brokerAndDatabase.connections());
        settings.add("--backline.scheduling.seed.enabled=false");
        backline = RunningBackline.startWith(settings, "-offers", SERVICES);
        try (InputStream in = FreedSlotsEndToEndIT.class.getClassLoader().getResourceAsStream("processes/triage/cases.json")) {
            for (JsonNode clinicalCase : JSON.readTree(in).get("cases")) {
                if (clinicalCase.at("/expected/pathway").asText().equals("PHYSICAL_THERAPY")) {
                    physiotherapyCase = clinicalCase.get("intake");
                    break;
                }
            }
        }
    }

    @AfterAll
    static void stopEverything() {
        if (backline != null) {
            backline.close();
        }
        if (brokerAndDatabase != null) {
            brokerAndDatabase.close();
        }
    }

    @Test
    void an_added_slot_goes_to_the_longest_waiting_referral_and_a_cancellation_frees_it_for_the_next() {
        String first = submit();
        awaitStatus(first, "BOOKING_FAILED");
        String second = submit();
        awaitStatus(second, "BOOKING_FAILED");
        assertThat(openTasks(first)).containsExactly("BookManually");
        assertThat(openTasks(second)).containsExactly("BookManually");

        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(2));
        Response added = backline.post("scheduling", "/api/slots", "scheduler", """
                {"pathway": "PHYSICAL_THERAPY", "resource": "PT-E2E", "location": "Physiotherapy clinic",
                 "start": "%s", "end": "%s"}""".formatted(start, start.plus(Duration.ofMinutes(30))), Map.of());
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.body().get("booked").asBoolean()).isTrue();

        JsonNode scheduled = awaitView(first, view -> "SCHEDULED".equals(view.path("status").asText()));
        assertThat(scheduled.at("/appointment/resource").asText()).isEqualTo("PT-E2E");
        assertThat(Instant.parse(scheduled.at("/appointment/start").asText())).isEqualTo(start);
        assertThat(scheduled.get("timeline").findValuesAsText("status")).endsWith("BOOKING_FAILED", "SCHEDULED");
        assertThat(scheduled.get("timeline").findValuesAsText("detail")).last().isEqualTo("Booked: Physiotherapy clinic, " + start);
        awaitNoTasks(first);
        assertThat(view(second).get("status").asText()).isEqualTo("BOOKING_FAILED");
        log.info("Timeline of the referral an added slot went to: {}", scheduled.get("timeline"));

        assertThat(backline.post("intake", "/api/referrals/" + first + "/cancel", "frontdesk",
                "{\"reason\": \"Patient moved away\"}", Map.of()).status()).isEqualTo(202);

        JsonNode next = awaitView(second, view -> "SCHEDULED".equals(view.path("status").asText()));
        assertThat(next.at("/appointment/resource").asText()).isEqualTo("PT-E2E");
        assertThat(Instant.parse(next.at("/appointment/start").asText())).isEqualTo(start);
        assertThat(next.get("timeline").findValuesAsText("status")).endsWith("BOOKING_FAILED", "SCHEDULED");
        awaitNoTasks(second);
        awaitStatus(first, "CANCELLED");
        log.info("Timeline of the referral the freed slot went to: {}", next.get("timeline"));
    }

    @Test
    void a_scheduler_picks_a_slot_past_the_deadline_for_a_waiting_referral_on_the_slot_issue_list() {
        String waiting = submit();
        awaitStatus(waiting, "BOOKING_FAILED");
        // Past the physiotherapy deadline (14 days): not booked automatically, a scheduler decides.
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(20));
        Response added = backline.post("scheduling", "/api/slots", "scheduler", """
                {"pathway": "PHYSICAL_THERAPY", "resource": "PT-LATE", "location": "Physiotherapy clinic",
                 "start": "%s", "end": "%s"}""".formatted(start, start.plus(Duration.ofMinutes(30))), Map.of());
        assertThat(added.body().get("booked").asBoolean()).isFalse();
        String slot = added.body().get("id").asText();

        try (Browser browser = Browser.open()) {
            WebDriver driver = browser.driver();
            driver.get(backline.url("scheduling", "/login"));
            driver.findElement(By.id("username")).sendKeys("scheduler");
            driver.findElement(By.id("password")).sendKeys("scheduler");
            driver.findElement(By.cssSelector("form button[type=submit]")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/attendance"));
            driver.get(backline.url("scheduling", "/slot-issues"));
            WebElement row = driver.findElement(By.cssSelector("tr[data-referral='" + waiting + "']"));
            assertThat(row.getText()).contains(waiting.substring(0, 8), "Physical therapy", "waited");
            new Select(row.findElement(By.name("slotId"))).selectByValue(slot);
            assertThat(row.getText()).contains("PT-LATE, Physiotherapy clinic (after the deadline)");
            browser.screenshot("slot-issues");
            row.findElement(By.cssSelector("button[type=submit]")).click();

            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("booked")).isEmpty());
            assertThat(driver.findElement(By.id("booked")).getText()).contains(waiting.substring(0, 8), "is booked");
            assertThat(driver.findElements(By.cssSelector("tr[data-referral='" + waiting + "']"))).isEmpty();
        }

        JsonNode scheduled = awaitView(waiting, view -> "SCHEDULED".equals(view.path("status").asText()));
        assertThat(scheduled.at("/appointment/resource").asText()).isEqualTo("PT-LATE");
        assertThat(Instant.parse(scheduled.at("/appointment/start").asText())).isEqualTo(start);
        awaitNoTasks(waiting);
    }

    private static String submit() {
        Response accepted = backline.post("intake", "/api/referrals", "frontdesk", physiotherapyCase.toString(), Map.of());
        assertThat(accepted.status()).isEqualTo(202);
        return accepted.body().get("id").asText();
    }

    private static JsonNode view(String referral) {
        return backline.get("intake", "/api/referrals/" + referral, "frontdesk").body();
    }

    private static void awaitStatus(String referral, String status) {
        awaitView(referral, view -> status.equals(view.path("status").asText()));
    }

    private static JsonNode awaitView(String referral, Predicate<JsonNode> expected) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> view(referral), view -> view != null && expected.test(view));
    }

    private static List<String> openTasks(String referral) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> backline.get("workflow", "/api/tasks?referralId=" + referral, "scheduler").body()
                        .findValuesAsText("key"), keys -> !keys.isEmpty());
    }

    private static void awaitNoTasks(String referral) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> backline.get("workflow", "/api/tasks?referralId=" + referral, "scheduler").body().isEmpty());
    }
}
