package health.backline.intake.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.backline.events.Pathway;
import health.backline.events.Priority;
import health.backline.events.ReferralStatus;
import health.backline.events.Topics;
import health.backline.events.payload.AppointmentBooked;
import health.backline.events.payload.ReferralStatusChanged;
import health.backline.events.payload.ReferralTriaged;
import health.backline.intake.IntakeServiceTest;
import health.backline.testsupport.ConsumerProgress;
import health.backline.testsupport.ExampleIntake;
import health.backline.testsupport.KafkaRecords;
import health.backline.testsupport.RealInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The FHIR R4 facade on the running intake service, real Kafka and PostgreSQL: what it serves (validated against
 * the base R4 profiles), what it receives (as {@code POST /api/referrals} would), and who may do either.
 */
@IntakeServiceTest
class FhirFacadeIT {

    private static final String FHIR_JSON = "application/fhir+json";

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    ObjectMapper objectMapper;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FhirContext fhir;

    @Test
    void the_capability_statement_names_what_the_facade_serves_and_needs_no_login() {
        ResponseEntity<String> response = http.getForEntity(url("/fhir/metadata"), String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        CapabilityStatement capabilities = parse(response.getBody(), CapabilityStatement.class);
        assertThat(capabilities.getFhirVersion().toCode()).isEqualTo("4.0.1");
        assertThat(capabilities.getRestFirstRep().getResource()).extracting(resource -> resource.getType())
                .contains("ServiceRequest", "Task");
        assertThat(capabilities.getRestFirstRep().getInteraction()).extracting(i -> i.getCode().toCode())
                .contains("transaction");
        assertValid(response.getBody());
    }

    @Test
    void a_booked_referral_is_a_valid_service_request_with_its_patient_reasons_pathway_and_findings() {
        String id = bookedImagingReferral("MRN-F001");

        ResponseEntity<String> response = get("clinician", "/fhir/ServiceRequest/" + id);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().toString()).startsWith(FHIR_JSON);
        System.out.println("ServiceRequest of a booked imaging referral:\n" + pretty(response.getBody()));
        assertValid(response.getBody());
        ServiceRequest request = parse(response.getBody(), ServiceRequest.class);
        assertThat(request.getIdElement().getIdPart()).isEqualTo(id);
        assertThat(request.getStatus().toCode()).isEqualTo("active");
        assertThat(request.getIntent().toCode()).isEqualTo("order");
        assertThat(request.getPriority().toCode()).isEqualTo("urgent");
        assertThat(request.getPerformerType().getCodingFirstRep().getCode()).isEqualTo("URGENT_IMAGING");
        assertThat(request.getReasonCode()).extracting(reason -> reason.getCodingFirstRep().getCode())
                .containsExactly("R13", "R14");
        assertThat(request.getReasonCode().get(0).getText()).startsWith("Minor injury with fracture risk");
        assertThat(request.getOccurrenceDateTimeType().getValue().toInstant()).isEqualTo(APPOINTMENT_START);
        Patient patient = (Patient) request.getSubject().getResource();
        assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo("MRN-F001");
        assertThat(patient.getNameFirstRep().getFamily()).isEqualTo("Lovelace");
        assertThat(patient.getTelecom()).as("the phone number stays in the intake service").isEmpty();
        assertThat(request.getSupportingInfo()).extracting(Reference::getResource)
                .filteredOn(resource -> finding((Observation) resource) != null)
                .extracting(resource -> finding((Observation) resource))
                .containsExactly("MINOR_TRAUMA", "OSTEOPOROSIS");

        ResponseEntity<String> viaApi = get("frontdesk", "/api/referrals/" + id + "/fhir");
        assertThat(viaApi.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(viaApi.getHeaders().getContentType().toString()).startsWith(FHIR_JSON);
        assertThat(parse(viaApi.getBody(), ServiceRequest.class).equalsDeep(request)).isTrue();
    }

    @Test
    void an_imaging_referral_is_a_proposal_until_a_clinician_confirms_it() {
        String id = submit("MRN-F002");
        triage(id, Pathway.URGENT_IMAGING, List.of("R14"));
        Instant due = Instant.now().plus(Duration.ofHours(4)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        RecordMetadata review = KafkaRecords.send(RealInfrastructure.get(), KafkaRecords.cloudEvent(Topics.REFERRALS_STATUS,
                id, UUID.randomUUID().toString(), "backline.referral.status-changed.v1", json(new ReferralStatusChanged(
                        id, ReferralStatus.AWAITING_REVIEW, Pathway.URGENT_IMAGING, "Waiting for review", Instant.now(), due))));
        ConsumerProgress.awaitHandled(RealInfrastructure.get(), "intake-status-changes", review);

        ServiceRequest request = parse(get("clinician", "/fhir/ServiceRequest/" + id).getBody(), ServiceRequest.class);
        assertThat(request.getIntent().toCode()).isEqualTo("proposal");
        assertThat(request.hasOccurrence()).isFalse();

        ResponseEntity<String> found = get("clinician", "/fhir/Task?focus=ServiceRequest/" + id);
        assertValid(found.getBody());
        Task task = (Task) parse(found.getBody(), Bundle.class).getEntryFirstRep().getResource();
        assertThat(task.getStatus().toCode()).isEqualTo("accepted");
        assertThat(task.getBusinessStatus().getCodingFirstRep().getCode()).isEqualTo("AWAITING_REVIEW");
        assertThat(task.getOwner().getIdentifier().getValue()).isEqualTo("clinician");
        assertThat(task.getRestriction().getPeriod().getEnd().toInstant()).isEqualTo(due);
    }

    @Test
    void a_referrals_task_follows_its_workflow_state() {
        String id = bookedImagingReferral("MRN-F003");

        ResponseEntity<String> response = get("admin", "/fhir/Task/" + id);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        System.out.println("Task of a booked imaging referral:\n" + pretty(response.getBody()));
        assertValid(response.getBody());
        Task task = parse(response.getBody(), Task.class);
        assertThat(task.getStatus().toCode()).isEqualTo("in-progress");
        assertThat(task.getBusinessStatus().getCodingFirstRep().getCode()).isEqualTo("SCHEDULED");
        assertThat(task.getFocus().getReference()).isEqualTo("ServiceRequest/" + id);
        assertThat(task.hasOwner()).as("nobody has to act on a booked referral").isFalse();
        assertThat(task.hasRestriction()).isFalse();
        assertThat(get("admin", "/fhir/Task?focus=ServiceRequest/" + UUID.randomUUID()).getBody())
                .contains("\"total\":0");
        assertThat(get("admin", "/fhir/Task/" + UUID.randomUUID()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void a_referral_returned_to_its_referrer_is_a_revoked_request_and_a_rejected_task_with_the_reason() {
        String mrn = "MRN-F4" + UUID.randomUUID().toString().substring(0, 6);
        String id = submit(mrn);
        triage(id, Pathway.URGENT_IMAGING, List.of("R14"));
        sendStatus(id, ReferralStatus.AWAITING_REVIEW, Pathway.URGENT_IMAGING, "Waiting for review");
        String reason = "No red flags: please try six weeks of physiotherapy first.";
        ConsumerProgress.awaitHandled(RealInfrastructure.get(), "intake-status-changes",
                sendStatus(id, ReferralStatus.RETURNED, Pathway.URGENT_IMAGING, reason));

        ServiceRequest request = parse(get("frontdesk", "/fhir/ServiceRequest/" + id).getBody(), ServiceRequest.class);
        assertThat(request.getStatus().toCode()).isEqualTo("revoked");
        assertThat(request.getIntent().toCode()).as("never confirmed").isEqualTo("proposal");
        ResponseEntity<String> response = get("frontdesk", "/fhir/Task/" + id);
        assertValid(response.getBody());
        Task task = parse(response.getBody(), Task.class);
        assertThat(task.getStatus().toCode()).isEqualTo("rejected");
        assertThat(task.getBusinessStatus().getCodingFirstRep().getCode()).isEqualTo("RETURNED");
        assertThat(task.getStatusReason().getText()).isEqualTo(reason);
        assertThat(task.getExecutionPeriod().hasEnd()).isTrue();
        assertThat(task.hasOwner()).as("nobody has to act on a returned referral").isFalse();
        assertThat(get("frontdesk", "/fhir/ServiceRequest?patient.identifier=" + mrn + "&status=revoked").getBody())
                .contains("\"total\":1");
    }

    @Test
    void a_served_service_request_posted_back_creates_a_referral_with_the_same_intake() {
        String id = bookedImagingReferral("MRN-F004");
        ServiceRequest served = parse(get("frontdesk", "/fhir/ServiceRequest/" + id).getBody(), ServiceRequest.class);
        String sent = asNewRequest(served);
        String key = "fhir-" + UUID.randomUUID();

        ResponseEntity<String> created = post("frontdesk", "/fhir/ServiceRequest", sent, key);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertValid(created.getBody());
        ServiceRequest answer = parse(created.getBody(), ServiceRequest.class);
        String newId = answer.getIdElement().getIdPart();
        assertThat(created.getHeaders().getLocation().toString()).contains("/fhir/ServiceRequest/" + newId);
        System.out.println("The same referral created through POST /fhir/ServiceRequest:\n" + pretty(created.getBody()));
        assertThat(newId).isNotEqualTo(id);
        assertThat(answer.getStatus().toCode()).isEqualTo("active");
        assertThat(answer.getIntent().toCode()).isEqualTo("proposal");
        ObjectNode expected = storedIntake(id);
        ((ObjectNode) expected.get("patient")).remove("phone");
        assertThat(storedIntake(newId)).as("everything but the phone number, which the facade never shows")
                .isEqualTo(expected);

        ResponseEntity<String> again = post("frontdesk", "/fhir/ServiceRequest", sent, key);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(parse(again.getBody(), ServiceRequest.class).getIdElement().getIdPart()).isEqualTo(newId);
        ServiceRequest other = parse(sent, ServiceRequest.class);
        ((Patient) other.getContained().get(0)).getIdentifierFirstRep().setValue("MRN-F004B");
        assertThat(post("frontdesk", "/fhir/ServiceRequest", encode(other), key).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void a_transaction_bundle_of_patient_request_and_findings_creates_one_referral() {
        long before = referralCount();
        Bundle bundle = transaction("MRN-F005", "FEVER", "IV_DRUG_USE");

        ResponseEntity<String> response = post("frontdesk", "/fhir", encode(bundle), null);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertValid(response.getBody());
        Bundle answer = parse(response.getBody(), Bundle.class);
        assertThat(answer.getType().toCode()).isEqualTo("transaction-response");
        BundleEntryComponent created = answer.getEntry().stream()
                .filter(entry -> entry.getResponse().getStatus().startsWith("201")).findFirst().orElseThrow();
        String id = created.getResponse().getLocation().replace("ServiceRequest/", "");
        assertThat(referralCount()).isEqualTo(before + 1);
        JsonNode intake = storedIntake(id);
        assertThat(intake.at("/patient/mrn").asText()).isEqualTo("MRN-F005");
        assertThat(intake.get("findings").toString()).isEqualTo("[\"FEVER\",\"IV_DRUG_USE\"]");
        assertThat(intake.at("/complaint/painScore").asInt()).isEqualTo(6);
        assertThat(intake.at("/complaint/symptomDurationDays").asInt()).isEqualTo(3);
        assertThat(intake.at("/complaint/region").asText()).isEqualTo("LUMBAR");
    }

    @Test
    void bad_input_is_422_with_an_operation_outcome_listing_every_issue_and_nothing_is_stored() {
        long before = referralCount();
        Bundle bundle = transaction("MRN F006 has spaces", "FEVER", "NOT_A_FINDING");
        Patient patient = (Patient) bundle.getEntryFirstRep().getResource();
        patient.setBirthDateElement(null);
        bundle.getEntry().removeIf(entry -> entry.getResource() instanceof Observation observation
                && observation.getCode().getCodingFirstRep().getCode().equals("72514-3"));

        ResponseEntity<String> response = post("frontdesk", "/fhir", encode(bundle), null);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertValid(response.getBody());
        OperationOutcome outcome = parse(response.getBody(), OperationOutcome.class);
        System.out.println("422 for a bad Bundle:\n" + pretty(response.getBody()));
        assertThat(outcome.getIssue()).extracting(issue -> issue.getExpression().get(0).getValue())
                .contains("Patient.identifier", "Patient.birthDate", "Observation.code",
                        "Observation.where(code.coding.code = '72514-3').value");
        assertThat(outcome.getIssue()).extracting(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .anyMatch(text -> text.contains("NOT_A_FINDING"))
                .anyMatch(text -> text.startsWith("complaint.painScore: "));
        assertThat(referralCount()).isEqualTo(before);
    }

    @Test
    void referrals_are_found_by_the_patients_mrn_and_status_in_linked_pages() {
        String mrn = "MRN-F7" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 3; i++) {
            submit(mrn);
        }
        String closed = submit(mrn);
        ConsumerProgress.awaitHandled(RealInfrastructure.get(), "intake-status-changes",
                sendStatus(closed, ReferralStatus.CLOSED, Pathway.PHYSICAL_THERAPY, "Closed"));

        ResponseEntity<String> first = get("clinician", "/fhir/ServiceRequest?patient.identifier=" + mrn
                + "&status=active&_count=2");

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertValid(first.getBody());
        Bundle page = parse(first.getBody(), Bundle.class);
        assertThat(page.getTotal()).isEqualTo(3);
        assertThat(page.getEntry()).hasSize(2);
        String next = page.getLink(Bundle.LINK_NEXT).getUrl();
        Bundle second = parse(get("clinician", next.substring(next.indexOf("/fhir"))).getBody(), Bundle.class);
        assertThat(second.getEntry()).hasSize(1);
        assertThat(second.getLink(Bundle.LINK_NEXT)).isNull();
        Bundle completed = parse(get("clinician", "/fhir/ServiceRequest?patient.identifier="
                + "https://backline.health/fhir/NamingSystem/mrn|" + mrn + "&status=completed").getBody(), Bundle.class);
        assertThat(completed.getEntry()).extracting(entry -> entry.getResource().getIdElement().getIdPart())
                .containsExactly(closed);
    }

    @Test
    void the_facade_keeps_the_roles_of_the_api() {
        String id = submit("MRN-F008");
        String request = asNewRequest(parse(get("frontdesk", "/fhir/ServiceRequest/" + id).getBody(), ServiceRequest.class));

        assertThat(http.getForEntity(url("/fhir/ServiceRequest/" + id), String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get("scheduler", "/fhir/ServiceRequest/" + id).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("scheduler", "/fhir/Task/" + id).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("clinician", "/fhir/ServiceRequest", request, null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("admin", "/fhir", encode(transaction("MRN-F008", "FEVER")), null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("lead", "/fhir/ServiceRequest/" + id).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE actor = 'lead'"
                        + " AND channel = 'GET /fhir/ServiceRequest/{id}' AND referral_id = ?")
                .param(id).query(Long.class).single()).as("the lead's read is in the audit trail").isEqualTo(1);
    }

    // ---- the referral's journey, as the other services would report it

    private static final Instant APPOINTMENT_START = Instant.parse("2030-01-07T09:00:00Z");

    private String bookedImagingReferral(String mrn) {
        String id = submit(mrn);
        triage(id, Pathway.URGENT_IMAGING, List.of("R13", "R14"));
        sendStatus(id, ReferralStatus.AWAITING_REVIEW, Pathway.URGENT_IMAGING, "Waiting for review");
        RecordMetadata booked = KafkaRecords.send(RealInfrastructure.get(), KafkaRecords.cloudEvent(
                Topics.APPOINTMENTS_OUTCOME, id, UUID.randomUUID().toString(), "backline.appointment.booked.v1",
                json(new AppointmentBooked(id, Pathway.URGENT_IMAGING, APPOINTMENT_START,
                        APPOINTMENT_START.plus(Duration.ofMinutes(30)), "Imaging suite", "MRI-1"))));
        RecordMetadata scheduled = sendStatus(id, ReferralStatus.SCHEDULED, Pathway.URGENT_IMAGING, "Booked: Imaging suite");
        ConsumerProgress.awaitHandled(RealInfrastructure.get(), "intake-appointments", booked);
        ConsumerProgress.awaitHandled(RealInfrastructure.get(), "intake-status-changes", scheduled);
        return id;
    }

    private void triage(String id, Pathway pathway, List<String> rules) {
        List<String> reasons = rules.stream().map(rule -> switch (rule) {
            case "R13" -> "Minor injury with fracture risk: possible fragility fracture";
            case "R14" -> "Osteoporosis or ankylosing spondylitis: possible compression fracture or fusion injury";
            default -> "Rule " + rule;
        }).toList();
        RecordMetadata sent = KafkaRecords.send(RealInfrastructure.get(), KafkaRecords.cloudEvent(Topics.REFERRALS_TRIAGED,
                id, UUID.randomUUID().toString(), "backline.referral.triaged.v1",
                json(new ReferralTriaged(id, pathway, pathway.priority(), rules, reasons, null))));
        ConsumerProgress.awaitHandled(RealInfrastructure.get(), "intake-triage-results", sent);
    }

    private RecordMetadata sendStatus(String id, ReferralStatus status, Pathway pathway, String detail) {
        return KafkaRecords.send(RealInfrastructure.get(), KafkaRecords.cloudEvent(Topics.REFERRALS_STATUS, id,
                UUID.randomUUID().toString(), "backline.referral.status-changed.v1",
                json(new ReferralStatusChanged(id, status, pathway, detail, Instant.now()))));
    }

    // ---- FHIR resources a client would send

    /** The served request as a client would send it to create a new referral: no id, no server-side facts. */
    private String asNewRequest(ServiceRequest served) {
        ServiceRequest request = served.copy();
        request.setId((String) null);
        request.getIdentifier().clear();
        request.getReasonCode().clear();
        request.setPerformerType(null);
        request.setPriority(null);
        request.setOccurrence(null);
        return encode(request);
    }

    /** A transaction as another clinic's system writes it: separate entries linked by urn:uuid. */
    private Bundle transaction(String mrn, String... findings) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String patientUrl = "urn:uuid:" + UUID.randomUUID();
        Patient patient = new Patient();
        patient.addIdentifier().setSystem("https://backline.health/fhir/NamingSystem/mrn").setValue(mrn);
        patient.addName().setFamily("Hopper").addGiven("Grace");
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1956-12-09"));
        patient.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
        patient.addTelecom().setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE).setValue("+44 20 7946 0000");
        add(bundle, patientUrl, patient);
        ServiceRequest request = new ServiceRequest()
                .setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE)
                .setIntent(ServiceRequest.ServiceRequestIntent.PROPOSAL)
                .setSubject(new Reference(patientUrl));
        request.addBodySite().addCoding(new Coding("https://backline.health/fhir/CodeSystem/region", "LUMBAR", null));
        add(bundle, "urn:uuid:" + UUID.randomUUID(), request);
        for (String finding : findings) {
            add(bundle, "urn:uuid:" + UUID.randomUUID(), observation(patientUrl,
                    new Coding("https://backline.health/fhir/CodeSystem/finding", finding, null))
                    .setValue(new org.hl7.fhir.r4.model.BooleanType(true)));
        }
        add(bundle, "urn:uuid:" + UUID.randomUUID(), observation(patientUrl,
                new Coding("http://loinc.org", "72514-3", null)).setValue(new org.hl7.fhir.r4.model.IntegerType(6)));
        add(bundle, "urn:uuid:" + UUID.randomUUID(), observation(patientUrl,
                new Coding("https://backline.health/fhir/CodeSystem/intake-item", "symptom-duration", null))
                .setValue(new org.hl7.fhir.r4.model.Quantity(3).setUnit("days")));
        return bundle;
    }

    private static Observation observation(String patientUrl, Coding code) {
        Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().addCoding(code);
        observation.setSubject(new Reference(patientUrl));
        return observation;
    }

    private static void add(Bundle bundle, String fullUrl, Resource resource) {
        bundle.addEntry().setFullUrl(fullUrl).setResource(resource).getRequest()
                .setMethod(HTTPVerb.POST).setUrl(resource.fhirType());
    }

    // ---- plumbing

    private String submit(String mrn) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth("frontdesk", "frontdesk").exchange(url("/api/referrals"), HttpMethod.POST,
                new HttpEntity<>(ExampleIntake.json(mrn), headers), JsonNode.class).getBody().get("id").asText();
    }

    private ResponseEntity<String> get(String user, String path) {
        return http.withBasicAuth(user, user).getForEntity(url(path), String.class);
    }

    private ResponseEntity<String> post(String user, String path, String body, String idempotencyKey) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(FHIR_JSON));
        if (idempotencyKey != null) {
            headers.set("Idempotency-Key", idempotencyKey);
        }
        return http.withBasicAuth(user, user).exchange(url(path), HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private ObjectNode storedIntake(String id) {
        try {
            return (ObjectNode) objectMapper.readTree(jdbc.sql(
                    "SELECT intake::text FROM referral WHERE id = ?").param(UUID.fromString(id)).query(String.class).single());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long referralCount() {
        return jdbc.sql("SELECT count(*) FROM referral").query(Long.class).single();
    }

    private String finding(Observation observation) {
        Coding coding = observation.getCode().getCodingFirstRep();
        return "https://backline.health/fhir/CodeSystem/finding".equals(coding.getSystem()) ? coding.getCode() : null;
    }

    private void assertValid(String json) {
        assertThat(BaseR4Validation.errorsOf(fhir, json)).isEmpty();
    }

    private <T extends org.hl7.fhir.instance.model.api.IBaseResource> T parse(String json, Class<T> type) {
        return fhir.newJsonParser().parseResource(type, json);
    }

    private String encode(org.hl7.fhir.instance.model.api.IBaseResource resource) {
        return fhir.newJsonParser().encodeResourceToString(resource);
    }

    private String pretty(String json) {
        return fhir.newJsonParser().setPrettyPrint(true).encodeResourceToString(fhir.newJsonParser().parseResource(json));
    }

    private byte[] json(Object data) {
        try {
            return objectMapper.writeValueAsBytes(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
