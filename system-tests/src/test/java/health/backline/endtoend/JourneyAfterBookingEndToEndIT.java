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
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
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
 * The journey after the first booking, through the public API only, on services whose scheduling seeds no
 * capacity: each test adds the slots it needs.
 * <ul>
 *   <li>Freed slots: every physiotherapy referral first fails to book and waits with a scheduler's BookManually
 *       task. A slot a scheduler adds goes to the one that has waited longest; a cancellation frees it for the
 *       next; each time the manual booking ends by itself. A scheduler picks a slot on the slot-issue list.</li>
 *   <li>Attendance: primary-care visits a few seconds ahead. A first "did not attend" (on the attendance page)
 *       rebooks; a second goes to a clinician, who returns the referral; an attended visit starts the four weeks to
 *       reassessment from that visit.</li>
 * </ul>
 * The pages run in headless Chromium (screenshots in {@code target/screenshots/}).
 */
class JourneyAfterBookingEndToEndIT {

    private static final Logger log = LoggerFactory.getLogger(JourneyAfterBookingEndToEndIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String[] SERVICES = {"intake", "triage", "workflow", "scheduling"};

    /** Physiotherapy for a severe overuse strain (R24: pain 7 or more): a lower pain score leaves no rule but R25. */
    private static final String OVERUSE_STRAIN_INTAKE = """
            {"patient": {"mrn": "E2E-RT-24", "givenName": "Sam", "familyName": "Okafor", "birthDate": "1988-06-01"},
             "complaint": {"region": "LUMBAR", "symptomDurationDays": 5, "painScore": 8},
             "findings": ["OVERUSE_OR_HEAVY_LIFTING"]}""";
    private static JsonNode overuseStrain;
    /** Primary care (R25 alone); twelve weeks of symptoms would make it physiotherapy (R22). */
    private static final String NO_RED_FLAGS_INTAKE = """
            {"patient": {"mrn": "E2E-RT-25", "givenName": "Ines", "familyName": "Moreau", "birthDate": "1975-02-11"},
             "complaint": {"region": "CERVICAL", "symptomDurationDays": 5, "painScore": 4}, "findings": []}""";
    private static JsonNode noRedFlags;
    private static JsonNode imagingCase;

    private static OwnBrokerAndDatabase brokerAndDatabase;
    private static RunningBackline backline;
    private static JsonNode physiotherapyCase;
    private static JsonNode primaryCareCase;
    private static JsonNode emergencyCase;

    @BeforeAll
    static void servicesWithNoSeededCapacity() throws Exception {
        brokerAndDatabase = OwnBrokerAndDatabase.start("offers");
        List<String> settings = new ArrayList<>(brokerAndDatabase.connections());
        settings.add("--backline.scheduling.seed.enabled=false");
        backline = RunningBackline.startWith(settings, "-offers", SERVICES);
        try (InputStream in = JourneyAfterBookingEndToEndIT.class.getClassLoader().getResourceAsStream("processes/triage/cases.json")) {
            JsonNode cases = JSON.readTree(in).get("cases");
            physiotherapyCase = intakeOfCaseOn(cases, "PHYSICAL_THERAPY");
            primaryCareCase = intakeOfCaseOn(cases, "PRIMARY_CARE_FOLLOW_UP");
            emergencyCase = intakeOfCaseOn(cases, "ER_REFERRAL");
            overuseStrain = JSON.readTree(OVERUSE_STRAIN_INTAKE);
            noRedFlags = JSON.readTree(NO_RED_FLAGS_INTAKE);
            imagingCase = intakeOfCaseOn(cases, "URGENT_IMAGING");
        }
    }

    private static JsonNode intakeOfCaseOn(JsonNode cases, String pathway) {
        for (JsonNode clinicalCase : cases) {
            if (clinicalCase.at("/expected/pathway").asText().equals(pathway)) {
                return clinicalCase.get("intake");
            }
        }
        throw new IllegalStateException("No clinical case on " + pathway);
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
            WebDriver driver = signedIn(browser, "scheduler");
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

    @Test
    void a_first_missed_visit_is_rebooked_and_a_second_goes_to_a_clinician_who_returns_the_referral() {
        Instant first = soon(Duration.ofSeconds(15));
        Instant second = soon(Duration.ofSeconds(40));
        addSlot("PRIMARY_CARE_FOLLOW_UP", "GP-E2E-A", "Primary care clinic", first);
        addSlot("PRIMARY_CARE_FOLLOW_UP", "GP-E2E-B", "Primary care clinic", second);
        String referral = submit(primaryCareCase);
        JsonNode booked = awaitView(referral, view -> "SCHEDULED".equals(view.path("status").asText()));
        assertThat(Instant.parse(booked.at("/appointment/start").asText())).isEqualTo(first);
        String missed = appointmentId(referral);
        assertThat(recordAttendance(missed, false).status()).isEqualTo(409);

        await().atMost(WAIT).until(() -> Instant.now().isAfter(first));
        try (Browser browser = Browser.open()) {
            WebDriver driver = signedIn(browser, "scheduler");
            driver.get(backline.url("scheduling", "/attendance"));
            WebElement row = driver.findElement(By.cssSelector("tr[data-appointment='" + missed + "']"));
            assertThat(row.getText()).contains(referral.substring(0, 8), "Primary care", "Primary care clinic", "GP-E2E-A");
            browser.screenshot("attendance");
            row.findElement(By.cssSelector("button.did-not-attend")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("recorded")).isEmpty());
            assertThat(driver.findElement(By.id("recorded")).getText()).isEqualTo("Did not attend: recorded");
            assertThat(driver.findElements(By.cssSelector("tr[data-appointment='" + missed + "']"))).isEmpty();
        }
        assertThat(recordAttendance(missed, true).status()).isEqualTo(409);

        JsonNode rebooked = awaitView(referral, view -> view.get("timeline").findValuesAsText("detail")
                .contains("Booked: Primary care clinic, " + second));
        assertThat(rebooked.at("/appointment/start").asText()).isEqualTo(second.toString());
        assertThat(rebooked.get("timeline").findValuesAsText("detail")).containsSubsequence(
                "Booked: Primary care clinic, " + first, "Did not attend: Primary care clinic, " + first,
                "Booked: Primary care clinic, " + second);
        assertThat(backline.get("workflow", "/api/tasks?referralId=" + referral, "clinician").body()).isEmpty();

        await().atMost(WAIT).until(() -> Instant.now().isAfter(second));
        assertThat(recordAttendance(appointmentId(referral), false).status()).isEqualTo(204);
        String followUp = backline.awaitTask("clinician", referral, "FollowUpMissedAppointment");
        Response noReason = backline.post("workflow", "/api/tasks/" + followUp + "/complete", "clinician",
                "{\"decision\": \"RETURN_TO_REFERRER\"}", Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body().at("/errors/0/pointer").asText()).isEqualTo("/reason");
        String reason = "Missed two appointments: please see the patient and refer again when they can attend.";
        String answer = "{\"decision\": \"RETURN_TO_REFERRER\", \"reason\": \"" + reason + "\"}";
        assertThat(backline.post("workflow", "/api/tasks/" + followUp + "/complete", "clinician", answer, Map.of())
                .status()).isEqualTo(204);
        assertThat(backline.post("workflow", "/api/tasks/" + followUp + "/complete", "clinician", answer, Map.of())
                .status()).isEqualTo(409);

        JsonNode returned = awaitView(referral, view -> "RETURNED".equals(view.path("status").asText()));
        assertThat(returned.get("returnReason").asText()).isEqualTo(reason);
        assertThat(returned.get("timeline").findValuesAsText("detail"))
                .contains("Did not attend: Primary care clinic, " + second);
        log.info("Timeline of the referral returned after two missed visits: {}", returned.get("timeline"));
    }

    @Test
    void an_attended_visit_starts_the_four_weeks_to_reassessment_and_an_er_handoff_is_not_marked_here() {
        Instant visit = soon(Duration.ofSeconds(15));
        String referral = bookedInto("PRIMARY_CARE_FOLLOW_UP", "GP-E2E-C", "Primary care clinic", visit, primaryCareCase);
        awaitView(referral, view -> visit.toString().equals(view.at("/appointment/start").asText()));
        String appointment = appointmentId(referral);

        await().atMost(WAIT).until(() -> Instant.now().isAfter(visit));
        assertThat(recordAttendance(appointment, true).status()).isEqualTo(204);

        JsonNode attended = awaitView(referral, view -> view.get("timeline").findValuesAsText("detail")
                .contains("Attended: Primary care clinic, " + visit));
        assertThat(attended.get("status").asText()).isEqualTo("SCHEDULED");
        String instance = backline.get("workflow", "/engine-rest/process-instance?businessKey=" + referral, "admin")
                .body().get(0).get("id").asText();
        JsonNode reassessment = await().atMost(WAIT).until(() -> backline.get("workflow",
                "/engine-rest/job?timers=true&activityId=Timer_FourWeeksAfterTheVisit&processInstanceId=" + instance,
                "admin").body(), jobs -> jobs.size() == 1).get(0);
        // Camunda REST writes dates as 2026-12-31T09:00:00.000+0000.
        assertThat(OffsetDateTime.parse(reassessment.get("dueDate").asText(),
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant()).isEqualTo(visit.plus(Duration.ofDays(28)));

        String emergency = submit(emergencyCase);
        awaitView(emergency, view -> "SCHEDULED".equals(view.path("status").asText()));
        Response handoff = recordAttendance(appointmentId(emergency), false);
        assertThat(handoff.status()).isEqualTo(409);
        assertThat(handoff.body().get("title").asText()).isEqualTo("Emergency handoff");
        log.info("Timeline of the referral whose patient attended: {}", attended.get("timeline"));
    }

    @Test
    void a_red_flag_found_after_booking_frees_the_slot_and_hands_the_patient_off_to_the_emergency_department() {
        // Primary care, whose freed slot no other test here waits for (they expect no physiotherapy capacity).
        String referral = bookedInto("PRIMARY_CARE_FOLLOW_UP", "GP-E2E-RT1", "Primary care clinic",
                soon(Duration.ofDays(2)), primaryCareCase);

        Response unknown = addFindings(referral, "{\"findings\": [\"SADDLE_NUMBNESS\"]}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().at("/errors/0/pointer").asText()).isEqualTo("/findings/0");
        String saddleNumbness = "{\"findings\": [\"SADDLE_ANESTHESIA\"], \"note\": \"Numb between the legs since this morning\"}";
        assertThat(addFindings(referral, saddleNumbness).status()).isEqualTo(202);
        assertThat(addFindings(referral, saddleNumbness).status()).as("a retry").isEqualTo(202);

        JsonNode handedOff = awaitView(referral, view -> "Emergency department".equals(view.at("/appointment/location").asText()));
        assertThat(handedOff.get("pathway").asText()).isEqualTo("ER_REFERRAL");
        assertThat(handedOff.at("/triage/revisions")).hasSize(1);
        JsonNode revision = handedOff.at("/triage/revisions/0");
        assertThat(revision.get("pathway").asText()).isEqualTo("ER_REFERRAL");
        assertThat(revision.get("priority").asText()).isEqualTo("stat");
        assertThat(revision.get("rules").get(0).asText()).isEqualTo("R01");
        assertThat(revision.get("applied").asBoolean()).isTrue();
        assertThat(handedOff.at("/triage/pathway").asText()).as("the first triage stays").isEqualTo("PRIMARY_CARE_FOLLOW_UP");
        assertThat(backline.get("scheduling", "/api/appointments?referralId=" + referral, "scheduler").body()
                .findValuesAsText("status")).containsExactlyInAnyOrder("BOOKED", "CANCELLED");
        backline.awaitTask("clinician", referral, "CallPatientToEmergency");

        assertThat(backline.post("intake", "/api/referrals/" + referral + "/cancel", "frontdesk",
                "{\"reason\": \"Admitted through the emergency department\"}", Map.of()).status()).isEqualTo(202);
        JsonNode cancelled = awaitView(referral, view -> "CANCELLED".equals(view.path("status").asText()));
        Response late = addFindings(referral, "{\"painScore\": 9}");
        assertThat(late.status()).isEqualTo(409);
        assertThat(view(referral).at("/triage/revisions")).hasSize(1);
        log.info("Timeline of the referral re-triaged to the emergency department: {}", cancelled.get("timeline"));
    }

    @Test
    void a_lower_pain_score_suggests_primary_care_which_waits_until_a_clinician_accepts_it_on_the_task_page() {
        addSlot("PRIMARY_CARE_FOLLOW_UP", "GP-E2E-RT2", "Primary care clinic", soon(Duration.ofDays(3)));
        // The physiotherapy slot this frees starts soon, and the test waits for it to start: the other tests here
        // expect no physiotherapy capacity.
        Instant physio = soon(Duration.ofSeconds(60));
        String referral = bookedInto("PHYSICAL_THERAPY", "PT-E2E-RT", "Physiotherapy clinic", physio, overuseStrain);
        assertThat(view(referral).at("/triage/rules/0").asText()).isEqualTo("R24");

        try (Browser browser = Browser.open()) {
            WebDriver driver = signedIn(browser, "intake", "frontdesk", "/");
            String page = backline.url("intake", "/referrals/" + referral);
            driver.get(page);
            driver.findElement(By.cssSelector("details.add-findings summary")).click();
            driver.findElement(By.id("painScore")).sendKeys("3");
            driver.findElement(By.id("note")).sendKeys("Pain much better on the phone today");
            WebElement record = driver.findElement(By.cssSelector("#findings-form button[type=submit]"));
            record.click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(record));
            new WebDriverWait(driver, WAIT).until(d -> {
                d.get(page);
                return !d.findElements(By.id("revision-1")).isEmpty();
            });
            assertThat(driver.findElement(By.id("revision-1")).getText())
                    .contains("Primary care follow-up", "R25", "Waiting for clinician review");
            browser.screenshot("re-triage-waits-for-review");
        }
        JsonNode waiting = view(referral);
        assertThat(waiting.get("pathway").asText()).isEqualTo("PHYSICAL_THERAPY");
        assertThat(waiting.at("/triage/revisions/0/applied").asBoolean()).isFalse();

        String review = backline.awaitTask("clinician", referral, "ReviewTriageChange");
        try (Browser browser = Browser.open()) {
            WebDriver driver = signedIn(browser, "workflow", "clinician", "/tasks");
            driver.get(backline.url("workflow", "/tasks/" + review));
            assertThat(driver.findElement(By.id("proposed-pathway")).getText()).contains("Primary care follow-up", "R25");
            driver.findElement(By.id("decision-ACCEPT")).click();
            driver.findElement(By.id("reason")).sendKeys("Strain settling: a GP review is enough");
            browser.screenshot("review-triage-change");
            driver.findElement(By.cssSelector("#answer button[type=submit]")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches(".*/tasks$"));
        }

        JsonNode moved = awaitView(referral, view -> "Primary care clinic".equals(view.at("/appointment/location").asText()));
        assertThat(moved.get("pathway").asText()).isEqualTo("PRIMARY_CARE_FOLLOW_UP");
        assertThat(moved.at("/triage/revisions/0/applied").asBoolean()).isTrue();
        assertThat(backline.get("scheduling", "/api/appointments?referralId=" + referral, "scheduler").body()
                .findValuesAsText("status")).containsExactlyInAnyOrder("BOOKED", "CANCELLED");
        log.info("Timeline of the referral a clinician moved to primary care after new findings: {}", moved.get("timeline"));
        await().atMost(WAIT).until(() -> Instant.now().isAfter(physio));
    }

    @Test
    void a_clinician_may_keep_the_current_pathway_and_an_emergency_after_imaging_was_booked_reopens_the_referral() {
        String routine = bookedInto("PRIMARY_CARE_FOLLOW_UP", "GP-E2E-RT3", "Primary care clinic", soon(Duration.ofDays(2)),
                noRedFlags);
        assertThat(addFindings(routine, "{\"symptomDurationDays\": 90}").status()).isEqualTo(202);
        String review = backline.awaitTask("clinician", routine, "ReviewTriageChange");
        assertThat(backline.post("workflow", "/api/tasks/" + review + "/complete", "clinician",
                "{\"decision\": \"KEEP_CURRENT\"}", Map.of()).status()).isEqualTo(400);
        assertThat(backline.post("workflow", "/api/tasks/" + review + "/complete", "clinician",
                "{\"decision\": \"KEEP_CURRENT\", \"reason\": \"Seen today: a GP review first\"}", Map.of()).status())
                .isEqualTo(204);
        awaitNoTasks(routine);
        JsonNode kept = view(routine);
        assertThat(kept.get("pathway").asText()).isEqualTo("PRIMARY_CARE_FOLLOW_UP");
        assertThat(kept.at("/triage/revisions/0/pathway").asText()).isEqualTo("PHYSICAL_THERAPY");
        assertThat(kept.at("/triage/revisions/0/applied").asBoolean()).isFalse();

        addSlot("URGENT_IMAGING", "MRI-E2E-RT", "Imaging centre", soon(Duration.ofDays(1)));
        String imaging = submit(imagingCase);
        String confirm = backline.awaitTask("clinician", imaging, "ReviewImagingReferral");
        assertThat(backline.post("workflow", "/api/tasks/" + confirm + "/complete", "clinician",
                "{\"decision\": \"CONFIRM\"}", Map.of()).status()).isEqualTo(204);
        awaitView(imaging, view -> "MRI-E2E-RT".equals(view.at("/appointment/resource").asText()));
        assertThat(addFindings(imaging, "{\"findings\": [\"BLADDER_OR_BOWEL_DYSFUNCTION\"]}").status()).isEqualTo(202);

        JsonNode reopened = awaitView(imaging, view -> "Emergency department".equals(view.at("/appointment/location").asText()));
        assertThat(reopened.get("pathway").asText()).isEqualTo("ER_REFERRAL");
        assertThat(backline.get("scheduling", "/api/appointments?referralId=" + imaging, "scheduler").body()
                .findValuesAsText("status")).containsExactlyInAnyOrder("BOOKED", "CANCELLED");
        backline.awaitTask("clinician", imaging, "CallPatientToEmergency");
        log.info("Timeline of the imaging referral an emergency reopened: {}", reopened.get("timeline"));
    }

    private static Instant soon(Duration ahead) {
        return Instant.now().plus(ahead).truncatedTo(ChronoUnit.SECONDS);
    }

    private static void addSlot(String pathway, String resource, String location, Instant start) {
        assertThat(backline.post("scheduling", "/api/slots", "scheduler", """
                {"pathway": "%s", "resource": "%s", "location": "%s", "start": "%s", "end": "%s"}"""
                .formatted(pathway, resource, location, start, start.plus(Duration.ofMinutes(30))), Map.of()).status())
                .isEqualTo(201);
    }

    /**
     * A referral of this intake, booked after a slot was added for it: into that slot, or into an earlier one
     * another test freed.
     */
    private static String bookedInto(String pathway, String resource, String location, Instant start, JsonNode intake) {
        addSlot(pathway, resource, location, start);
        String referral = submit(intake);
        awaitStatus(referral, "SCHEDULED");
        return referral;
    }

    /** The referral's newest appointment. */
    private static String appointmentId(String referral) {
        return backline.get("scheduling", "/api/appointments?referralId=" + referral, "scheduler").body().get(0)
                .get("id").asText();
    }

    private static Response addFindings(String referral, String body) {
        return backline.post("intake", "/api/referrals/" + referral + "/findings", "frontdesk", body, Map.of());
    }

    private static Response recordAttendance(String appointment, boolean attended) {
        return backline.post("scheduling", "/api/appointments/" + appointment + "/attendance", "clinician",
                "{\"attended\": " + attended + "}", Map.of());
    }

    private static WebDriver signedIn(Browser browser, String user) {
        return signedIn(browser, "scheduling", user, "/attendance");
    }

    /** Signed in on the service's form, landed on its first page for the user ({@code landing}). */
    private static WebDriver signedIn(Browser browser, String service, String user, String landing) {
        WebDriver driver = browser.driver();
        driver.get(backline.url(service, "/login"));
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(user);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.getCurrentUrl().contains("/login")
                && d.getCurrentUrl().contains(landing));
        return driver;
    }

    private static String submit() {
        return submit(physiotherapyCase);
    }

    private static String submit(JsonNode intake) {
        Response accepted = backline.post("intake", "/api/referrals", "frontdesk", intake.toString(), Map.of());
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
