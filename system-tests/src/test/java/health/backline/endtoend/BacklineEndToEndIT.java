package health.backline.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.backline.endtoend.RunningBackline.Response;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The whole of Backline as users run it: the four packaged services, each in a JVM of its own,
 * over one real Kafka broker and one real PostgreSQL, driven only through the public API.
 */
class BacklineEndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static RunningBackline backline;
    private static JsonNode cases;
    private static final Map<String, String> referralOfCase = new LinkedHashMap<>();

    @BeforeAll
    static void submitEveryCase() throws Exception {
        backline = RunningBackline.shared();
        try (InputStream in = BacklineEndToEndIT.class.getClassLoader()
                .getResourceAsStream("processes/triage/cases.json")) {
            cases = JSON.readTree(in).get("cases");
        }
        for (JsonNode clinicalCase : cases) {
            referralOfCase.put(clinicalCase.get("id").asText(), submit(clinicalCase.get("intake")));
        }
    }

    /** ER, physical therapy and primary care are booked at once; urgent imaging waits for a clinician. */
    @TestFactory
    Stream<DynamicTest> every_clinical_case_reaches_its_pathway_and_is_booked_or_awaits_review() {
        assertThat(cases).isNotEmpty();
        return Stream.of(JSON.convertValue(cases, JsonNode[].class)).map(clinicalCase -> DynamicTest.dynamicTest(
                clinicalCase.get("id").asText() + ": " + clinicalCase.get("title").asText(), () -> {
                    JsonNode expected = clinicalCase.get("expected");
                    String pathway = expected.get("pathway").asText();
                    String awaited = pathway.equals("URGENT_IMAGING") ? "AWAITING_REVIEW" : "SCHEDULED";
                    JsonNode view = awaitView(referralOfCase.get(clinicalCase.get("id").asText()),
                            v -> awaited.equals(v.path("status").asText()) && v.path("triage").has("rules"));
                    assertThat(view.get("pathway").asText()).isEqualTo(pathway);
                    assertThat(view.at("/triage/pathway").asText()).isEqualTo(pathway);
                    assertThat(view.at("/triage/rules")).isEqualTo(expected.get("rules"));
                    if (awaited.equals("SCHEDULED")) {
                        assertThat(view.at("/appointment/pathway").asText()).isEqualTo(pathway);
                    }
                    if (pathway.equals("ER_REFERRAL")) {
                        assertThat(view.at("/appointment/location").asText()).isEqualTo("Emergency department");
                    }
                }));
    }

    @Test
    void a_confirmed_imaging_review_is_booked_within_forty_eight_hours() {
        String referral = submit(caseWithPathway("URGENT_IMAGING").get("intake"));
        awaitView(referral, v -> "AWAITING_REVIEW".equals(v.path("status").asText()));

        String task = backline.awaitTask("clinician", referral, "ReviewImagingReferral");
        assertThat(backline.post("workflow", "/api/tasks/" + task + "/claim", "clinician", "", Map.of()).status())
                .isEqualTo(200);
        assertThat(backline.post("workflow", "/api/tasks/" + task + "/complete", "clinician",
                "{\"decision\": \"CONFIRM\"}", Map.of()).status()).isEqualTo(204);

        JsonNode view = awaitView(referral, v -> "SCHEDULED".equals(v.path("status").asText()) && v.path("appointment").has("start"));
        Instant start = Instant.parse(view.at("/appointment/start").asText());
        assertThat(view.at("/appointment/pathway").asText()).isEqualTo("URGENT_IMAGING");
        assertThat(start).isBefore(Instant.now().plus(Duration.ofHours(48)));
        assertThat(view.get("timeline").findValuesAsText("status"))
                .containsSubsequence("SUBMITTED", "TRIAGED", "AWAITING_REVIEW", "SCHEDULED");
    }

    @Test
    void a_cancelled_referral_ends_cancelled_and_its_slot_is_free_again() {
        String referral = submit(caseWithPathway("PHYSICAL_THERAPY").get("intake"));
        awaitView(referral, v -> "SCHEDULED".equals(v.path("status").asText()) && v.path("appointment").has("start"));
        JsonNode booked = backline.get("scheduling", "/api/appointments?referralId=" + referral, "scheduler").body();
        String slot = booked.get(0).get("slotId").asText();
        assertThat(slotIsBooked(slot, booked.get(0))).isTrue();

        Response cancelled = backline.post("intake", "/api/referrals/" + referral + "/cancel", "frontdesk",
                "{\"reason\": \"Patient moved away\"}", Map.of());

        assertThat(cancelled.status()).isEqualTo(202);
        JsonNode view = awaitView(referral, v -> "CANCELLED".equals(v.path("status").asText()));
        assertThat(view.get("appointment").isNull()).isTrue();
        await().atMost(WAIT).until(() -> !slotIsBooked(slot, booked.get(0)));
        assertThat(backline.get("scheduling", "/api/appointments?referralId=" + referral, "scheduler").body()
                .get(0).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(backline.post("intake", "/api/referrals/" + referral + "/cancel", "frontdesk",
                "{\"reason\": \"again\"}", Map.of()).status()).isEqualTo(409);
    }

    @Test
    void a_patient_not_improving_after_four_weeks_goes_back_to_imaging_review() {
        String referral = submit(caseWithPathway("PHYSICAL_THERAPY").get("intake"));
        awaitView(referral, v -> "SCHEDULED".equals(v.path("status").asText()));

        JsonNode view = notImprovingAfterFourWeeks(referral);

        assertThat(view.get("pathway").asText()).isEqualTo("URGENT_IMAGING");
        assertThat(backline.awaitTask("clinician", referral, "ReviewImagingReferral")).isNotBlank();
    }

    /**
     * e-RS's "return to referrer with advice": a reason is required (400, nothing changes), the referral ends
     * RETURNED with the reason in its view and in FHIR, counts as closed, and a retried completion changes nothing.
     */
    @Test
    void an_imaging_referral_returned_to_its_referrer_ends_returned_with_the_reason() {
        String referral = submit(clinicalCase("cancer-history").get("intake"));
        awaitView(referral, v -> "AWAITING_REVIEW".equals(v.path("status").asText()));
        String task = backline.awaitTask("clinician", referral, "ReviewImagingReferral");
        String complete = "/api/tasks/" + task + "/complete";

        Response noReason = backline.post("workflow", complete, "clinician", "{\"decision\": \"RETURN_TO_REFERRER\"}", Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body().get("errors").findValuesAsText("pointer")).containsExactly("/reason");
        assertThat(backline.awaitTask("clinician", referral, "ReviewImagingReferral")).as("still open").isEqualTo(task);
        JsonNode unchanged = backline.get("intake", "/api/referrals/" + referral, "frontdesk").body();
        assertThat(unchanged.get("status").asText()).isEqualTo("AWAITING_REVIEW");
        assertThat(unchanged.get("returnReason").isNull()).isTrue();

        String reason = "Back pain with a history of cancer needs imaging, but this patient was scanned last week:"
                + " please send us that report and refer again if it shows anything new.";
        String answer = JSON.createObjectNode().put("decision", "RETURN_TO_REFERRER").put("reason", reason).toString();
        assertThat(backline.post("workflow", complete, "clinician", answer, Map.of()).status()).isEqualTo(204);
        assertThat(backline.post("workflow", complete, "clinician", answer, Map.of()).status()).as("a retry").isEqualTo(409);

        JsonNode view = awaitView(referral, v -> "RETURNED".equals(v.path("status").asText()));
        System.out.println("Referral returned to its referrer: returnReason " + view.get("returnReason")
                + ", timeline " + view.get("timeline").toPrettyString());
        assertThat(view.get("returnReason").asText()).isEqualTo(reason);
        assertThat(view.get("timeline").findValuesAsText("status"))
                .containsSubsequence("SUBMITTED", "TRIAGED", "AWAITING_REVIEW", "RETURNED").containsOnlyOnce("RETURNED");
        assertThat(view.at("/timeline/" + (view.get("timeline").size() - 1) + "/detail").asText()).isEqualTo(reason);
        assertThat(backline.post("intake", "/api/referrals/" + referral + "/cancel", "frontdesk",
                "{\"reason\": \"Patient moved away\"}", Map.of()).status()).isEqualTo(409);
        assertThat(backline.get("workflow", "/api/tasks?referralId=" + referral, "clinician").body()).isEmpty();

        assertThat(backline.get("intake", "/api/referrals/" + referral + "/fhir", "frontdesk").body().get("status").asText())
                .isEqualTo("revoked");
        JsonNode fhirTask = backline.get("intake", "/fhir/Task/" + referral, "frontdesk").body();
        assertThat(fhirTask.get("status").asText()).isEqualTo("rejected");
        assertThat(fhirTask.at("/businessStatus/coding/0/code").asText()).isEqualTo("RETURNED");
        assertThat(fhirTask.at("/statusReason/text").asText()).isEqualTo(reason);
        assertThat(backline.get("intake", "/api/referrals/" + referral, "frontdesk").body()).isEqualTo(view);
    }

    @Test
    void a_referral_returned_after_physiotherapy_did_not_help_frees_its_booked_slot() {
        String referral = submit(caseWithPathway("PHYSICAL_THERAPY").get("intake"));
        awaitView(referral, v -> "SCHEDULED".equals(v.path("status").asText()) && v.path("appointment").has("start"));
        JsonNode booked = backline.get("scheduling", "/api/appointments?referralId=" + referral, "scheduler").body();
        String slot = booked.get(0).get("slotId").asText();
        notImprovingAfterFourWeeks(referral);
        String task = backline.awaitTask("clinician", referral, "ReviewImagingReferral");

        assertThat(backline.post("workflow", "/api/tasks/" + task + "/complete", "clinician",
                "{\"decision\": \"RETURN_TO_REFERRER\", \"reason\": \"Persistent pain without red flags:"
                        + " a pain-management referral fits better than imaging.\"}", Map.of()).status()).isEqualTo(204);

        JsonNode view = awaitView(referral, v -> "RETURNED".equals(v.path("status").asText()));
        assertThat(view.get("appointment").isNull()).isTrue();
        await().atMost(WAIT).until(() -> !slotIsBooked(slot, booked.get(0)));
        assertThat(backline.get("scheduling", "/api/appointments?referralId=" + referral, "scheduler").body()
                .get(0).get("status").asText()).isEqualTo("CANCELLED");
    }

    /** FHIR in and out: the Task shows whose move it is and by when; the ServiceRequest sent back is triaged alike. */
    @Test
    void a_referral_read_as_fhir_and_sent_back_as_fhir_takes_the_same_path() {
        String referral = submit(caseWithPathway("URGENT_IMAGING").get("intake"));
        JsonNode view = awaitView(referral, v -> "AWAITING_REVIEW".equals(v.path("status").asText()));
        String reviewTask = backline.awaitTask("clinician", referral, "ReviewImagingReferral");

        JsonNode task = backline.get("intake", "/fhir/Task?focus=ServiceRequest/" + referral, "clinician").body()
                .at("/entry/0/resource");
        assertThat(task.get("status").asText()).isEqualTo("accepted");
        assertThat(task.at("/businessStatus/coding/0/code").asText()).isEqualTo("AWAITING_REVIEW");
        assertThat(task.at("/owner/identifier/value").asText()).isEqualTo("clinician");
        JsonNode openTask = backline.get("workflow", "/api/tasks?referralId=" + referral, "clinician").body().get(0);
        assertThat(openTask.get("id").asText()).isEqualTo(reviewTask);
        assertThat(OffsetDateTime.parse(task.at("/restriction/period/end").asText()).toInstant())
                .isCloseTo(OffsetDateTime.parse(openTask.get("due").asText()).toInstant(), within(1, ChronoUnit.SECONDS));

        ObjectNode request = (ObjectNode) backline.get("intake", "/api/referrals/" + referral + "/fhir", "frontdesk").body();
        assertThat(request.get("intent").asText()).isEqualTo("proposal");
        request.remove(List.of("id", "identifier", "reasonCode", "performerType", "priority", "occurrenceDateTime"));
        Response created = backline.post("intake", "/fhir/ServiceRequest", "frontdesk", request.toString(), Map.of());

        assertThat(created.status()).isEqualTo(201);
        JsonNode again = awaitView(created.body().get("id").asText(),
                v -> "AWAITING_REVIEW".equals(v.path("status").asText()));
        assertThat(again.get("triage")).isEqualTo(view.get("triage"));
        assertThat(again.get("patient")).isEqualTo(view.get("patient"));
    }

    @Test
    void a_double_submission_with_one_idempotency_key_makes_one_referral() {
        String key = UUID.randomUUID().toString();
        String intake = cases.get(0).get("intake").toString();

        Response first = backline.post("intake", "/api/referrals", "frontdesk", intake, Map.of("Idempotency-Key", key));
        Response again = backline.post("intake", "/api/referrals", "frontdesk", intake, Map.of("Idempotency-Key", key));

        assertThat(List.of(first.status(), again.status())).containsExactly(202, 200);
        assertThat(again.body().get("id")).isEqualTo(first.body().get("id"));
    }

    @Test
    void a_clinician_can_ask_triage_what_it_would_propose_for_a_case() {
        JsonNode clinicalCase = cases.get(cases.size() - 1);

        Response evaluation = backline.post("triage", "/api/triage/evaluate", "clinician",
                clinicalCase.get("intake").toString(), Map.of());

        assertThat(evaluation.status()).isEqualTo(200);
        assertThat(evaluation.body().get("pathway").asText()).isEqualTo(clinicalCase.at("/expected/pathway").asText());
        assertThat(evaluation.body().get("rules")).isEqualTo(clinicalCase.at("/expected/rules"));
    }

    private static String submit(JsonNode intake) {
        Response accepted = backline.post("intake", "/api/referrals", "frontdesk", intake.toString(), Map.of());
        assertThat(accepted.status()).as(intake.toString()).isEqualTo(202);
        return accepted.body().get("id").asText();
    }

    /** Four weeks after the first visit (its timer run at once), a clinician finds the patient not improving. */
    private static JsonNode notImprovingAfterFourWeeks(String referral) {
        String instance = backline.get("workflow", "/engine-rest/process-instance?businessKey=" + referral, "admin")
                .body().get(0).get("id").asText();
        String reassessmentTimer = await().atMost(WAIT).until(() -> backline.get("workflow",
                        "/engine-rest/job?timers=true&activityId=Timer_FourWeeksAfterFirstVisit&processInstanceId=" + instance, "admin").body(),
                jobs -> jobs.size() == 1).get(0).get("id").asText();

        assertThat(backline.post("workflow", "/engine-rest/job/" + reassessmentTimer + "/execute", "admin", "", Map.of())
                .status()).isEqualTo(204);
        awaitView(referral, v -> "AWAITING_REASSESSMENT".equals(v.path("status").asText()));
        String task = backline.awaitTask("clinician", referral, "ReassessProgress");
        assertThat(backline.post("workflow", "/api/tasks/" + task + "/complete", "clinician",
                "{\"outcome\": \"NOT_IMPROVING\", \"note\": \"Still in pain at night\"}", Map.of()).status()).isEqualTo(204);
        return awaitView(referral, v -> "AWAITING_REVIEW".equals(v.path("status").asText()));
    }

    private static JsonNode clinicalCase(String id) {
        for (JsonNode clinicalCase : cases) {
            if (clinicalCase.get("id").asText().equals(id)) {
                return clinicalCase;
            }
        }
        throw new IllegalStateException("No clinical case " + id);
    }

    private static JsonNode caseWithPathway(String pathway) {
        for (JsonNode clinicalCase : cases) {
            if (clinicalCase.at("/expected/pathway").asText().equals(pathway)) {
                return clinicalCase;
            }
        }
        throw new IllegalStateException("No clinical case on " + pathway);
    }

    private static JsonNode awaitView(String referral, Predicate<JsonNode> expected) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> backline.get("intake", "/api/referrals/" + referral, "frontdesk").body(),
                        view -> view != null && expected.test(view));
    }

    private static boolean slotIsBooked(String slot, JsonNode appointment) {
        String pathway = appointment.get("pathway").asText();
        Instant start = Instant.parse(appointment.get("start").asText());
        JsonNode slots = backline.get("scheduling", "/api/slots?pathway=" + pathway + "&from=" + start.minusSeconds(1)
                + "&to=" + start.plusSeconds(1), "scheduler").body();
        for (JsonNode candidate : slots) {
            if (candidate.get("id").asText().equals(slot)) {
                return candidate.get("booked").asBoolean();
            }
        }
        throw new IllegalStateException("Slot " + slot + " not listed");
    }
}
