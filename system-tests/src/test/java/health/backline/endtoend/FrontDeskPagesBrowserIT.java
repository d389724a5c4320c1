package health.backline.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import health.backline.testsupport.Browser;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The front desk's pages in headless Chromium against the packaged services over real Kafka and
 * PostgreSQL: a receptionist signs in, records intakes, and follows them on the board.
 */
class FrontDeskPagesBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern REFERRAL_PAGE = Pattern.compile("/referrals/([0-9a-f-]{36})$");
    private static RunningBackline backline;

    private Browser browser;
    private WebDriver driver;
    private int keystrokes;

    @BeforeAll
    static void startBackline() throws Exception {
        backline = RunningBackline.shared();
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.open();
        driver = browser.driver();
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    /** Keyboard only, from the first field to the submit button; the board in another tab follows without a reload. */
    @Test
    void a_receptionist_records_fever_with_a_stiff_neck_and_sees_it_reach_the_emergency_department_on_the_board() {
        signIn("frontdesk");
        driver.get(backline.url("intake", "/referrals"));
        String boardTab = driver.getWindowHandle();
        js("window.loadedOnce = true;");

        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(backline.url("intake", "/"));
        assertThat(driver.getTitle()).isEqualTo("New intake · Backline");
        assertThat(driver.switchTo().activeElement().getAttribute("id")).as("the MRN field has the focus").isEqualTo("patient-mrn");
        String mrn = "ER-" + UUID.randomUUID().toString().substring(0, 6);
        keystrokes = 0;
        type(mrn);
        tabTo("patient-givenName");
        type("Aisha");
        tabTo("patient-familyName");
        type("Khan");
        tabTo("patient-birthDate");
        type("11/11/2001");
        tabTo("complaint-region-CERVICAL");
        type(Keys.SPACE);
        tabTo("complaint-symptomDurationDays");
        type("2");
        tabTo("complaint-painScore");
        type("7");
        tabTo("finding-FEVER");
        type(Keys.SPACE);
        tabTo("finding-NECK_STIFFNESS");
        type(Keys.SPACE);
        assertThat(driver.findElement(By.id("complaint-region-CERVICAL")).isSelected()).isTrue();
        assertThat(driver.findElement(By.id("finding-FEVER")).isSelected()).isTrue();
        fullPageScreenshot("intake-form");
        tabTo("submit-intake");
        type(Keys.ENTER);
        System.out.printf("Keyboard-only ER intake: %d keystrokes (MRN %d characters)%n", keystrokes, mrn.length());

        String referral = awaitReferralPage();
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#referral-details h1 .badge.ER_REFERRAL"), "Emergency department"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("referral-appointment"), "Emergency department"));
        assertThat(driver.findElement(By.id("referral-status")).getText()).isEqualTo("Scheduled");
        assertThat(driver.findElement(By.cssSelector("ul.reasons")).getText())
                .contains("Fever with neck stiffness, headache or rash: possible meningitis", "R07", "R12");
        assertThat(driver.findElement(By.cssSelector("table.timeline")).getText()).contains("Submitted", "Triaged", "Scheduled");
        browser.screenshot("referral-page");

        driver.switchTo().window(boardTab);
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBe(
                By.cssSelector("#referral-" + referral + " .badge.ER_REFERRAL"), "Emergency department"));
        WebElement row = driver.findElement(By.id("referral-" + referral));
        assertThat(row.getText()).contains("Aisha Khan", mrn, "Scheduled", "Emergency department");
        assertThat(js("return window.loadedOnce === true;")).as("the board was not reloaded").isEqualTo(true);
        assertThat(row.findElement(By.linkText("Aisha Khan")).getAttribute("href")).endsWith("/referrals/" + referral);
        browser.screenshot("referral-board");
    }

    @Test
    void a_field_error_is_shown_beside_its_field_with_everything_typed_kept_and_the_fixed_intake_goes_through() {
        signIn("frontdesk");
        driver.get(backline.url("intake", "/"));
        field("patient-mrn").sendKeys("MRN 42!");
        field("patient-givenName").sendKeys("Ada");
        field("patient-familyName").sendKeys("Lovelace");
        field("patient-birthDate").sendKeys("14/03/1961");
        driver.findElement(By.cssSelector("label[for=complaint-region-LUMBAR]")).click();
        field("complaint-symptomDurationDays").sendKeys("10");
        field("complaint-painScore").sendKeys("11");
        driver.findElement(By.cssSelector("label[for=finding-MINOR_TRAUMA]")).click();
        driver.findElement(By.cssSelector("label[for=finding-OSTEOPOROSIS]")).click();
        driver.findElement(By.cssSelector("details.start-back > summary")).click();
        assertThat(driver.findElements(By.cssSelector("details.start-back input[type=radio]"))).hasSize(8 * 2 + 5);
        fullPageScreenshot("intake-start-back");
        driver.findElement(By.id("submit-intake")).click();

        WebElement summary = new WebDriverWait(driver, WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error-summary")));
        assertThat(driver.getTitle()).isEqualTo("Error: New intake · Backline");
        assertThat(summary.findElement(By.tagName("h2")).getText()).isEqualTo("2 fields need attention");
        assertThat(driver.switchTo().activeElement()).as("the summary takes the focus").isEqualTo(summary);
        WebElement mrnField = field("patient-mrn");
        assertThat(mrnField.getAttribute("value")).isEqualTo("MRN 42!");
        assertThat(mrnField.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(mrnField.getAttribute("aria-describedby")).isEqualTo("patient-mrn-error");
        assertThat(besideField("patient-mrn").getText()).isEqualTo("MRN must be 1-32 letters, digits or hyphens");
        assertThat(field("complaint-painScore").getAttribute("value")).isEqualTo("11");
        assertThat(besideField("complaint-painScore").getText()).isEqualTo("Pain score must be between 0 and 10");
        assertThat(field("patient-givenName").getAttribute("value")).isEqualTo("Ada");
        assertThat(field("patient-birthDate").getAttribute("value")).isEqualTo("14/03/1961");
        assertThat(field("complaint-region-LUMBAR").isSelected()).isTrue();
        assertThat(field("finding-MINOR_TRAUMA").isSelected()).isTrue();
        assertThat(field("finding-OSTEOPOROSIS").isSelected()).isTrue();
        fullPageScreenshot("intake-field-errors");

        summary.findElement(By.linkText("MRN must be 1-32 letters, digits or hyphens")).click();
        assertThat(driver.switchTo().activeElement()).as("the summary link leads to the field").isEqualTo(field("patient-mrn"));
        String mrn = "MRN-" + UUID.randomUUID().toString().substring(0, 6);
        field("patient-mrn").clear();
        field("patient-mrn").sendKeys(mrn);
        field("complaint-painScore").clear();
        field("complaint-painScore").sendKeys("6");
        driver.findElement(By.id("submit-intake")).click();

        awaitReferralPage();
        assertThat(driver.findElement(By.cssSelector("#referral-details h1")).getText()).contains("Ada Lovelace");
        assertThat(driver.findElement(By.cssSelector("main")).getText()).contains(mrn, "Referral recorded.");
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBe(
                By.cssSelector("#referral-details h1 .badge.URGENT_IMAGING"), "Urgent imaging"));
    }

    private void signIn(String user) {
        driver.get(backline.url("intake", "/login"));
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(user);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(driver, WAIT).until(d -> !d.getCurrentUrl().contains("/login"));
    }

    private String awaitReferralPage() {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.urlMatches(REFERRAL_PAGE.pattern()));
        Matcher id = REFERRAL_PAGE.matcher(driver.getCurrentUrl());
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    private WebElement field(String id) {
        return driver.findElement(By.id(id));
    }

    /** The error message in the same field block as the input, just before it. */
    private WebElement besideField(String id) {
        return driver.findElement(By.xpath("//*[@id='" + id + "']/preceding-sibling::span[@id='" + id + "-error']"))
                .findElement(By.xpath("./span[not(contains(@class,'visually-hidden'))]"));
    }

    private void type(CharSequence keys) {
        driver.switchTo().activeElement().sendKeys(keys);
        keystrokes += keys instanceof Keys ? 1 : keys.length();
    }

    /** Presses Tab until the element with this id has the focus. */
    private void tabTo(String id) {
        for (int presses = 0; presses < 80; presses++) {
            if (id.equals(driver.switchTo().activeElement().getAttribute("id"))) {
                return;
            }
            type(Keys.TAB);
        }
        throw new AssertionError("Tab never reached #" + id);
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    /** The whole page, not only the window: the window grows to the page's height for the picture. */
    private void fullPageScreenshot(String name) {
        Dimension window = driver.manage().window().getSize();
        Number height = (Number) js("return document.documentElement.scrollHeight;");
        driver.manage().window().setSize(new Dimension(window.getWidth(), height.intValue() + 140));
        browser.screenshot(name);
        driver.manage().window().setSize(window);
    }
}
