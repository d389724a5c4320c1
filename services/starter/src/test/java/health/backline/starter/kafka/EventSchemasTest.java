package health.backline.starter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import health.backline.events.EventPayload;
import health.backline.events.EventType;
import health.backline.events.Pathway;
import health.backline.events.Priority;
import health.backline.events.ReferralStatus;
import health.backline.events.intake.Bothersomeness;
import health.backline.events.intake.Complaint;
import health.backline.events.intake.Finding;
import health.backline.events.intake.Intake;
import health.backline.events.intake.Patient;
import health.backline.events.intake.Referrer;
import health.backline.events.intake.Region;
import health.backline.events.intake.Sex;
import health.backline.events.intake.StartBackAnswers;
import health.backline.events.payload.AppointmentAttendance;
import health.backline.events.payload.AppointmentBooked;
import health.backline.events.payload.AppointmentCancelRequested;
import health.backline.events.payload.AppointmentFailed;
import health.backline.events.payload.AppointmentRequested;
import health.backline.events.payload.ReferralCancelRequested;
import health.backline.events.payload.ReferralFindingsAdded;
import health.backline.events.payload.ReferralRetriaged;
import health.backline.events.payload.ReferralStatusChanged;
import health.backline.events.payload.ReferralSubmitted;
import health.backline.events.payload.ReferralTriaged;
import health.backline.events.payload.StartBackScore;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The event schemas (services/contract, health/backline/events/schema) accept every payload the services write and
 * refuse the poison of issue 10; and they stay in step with the payload records and enums they were written from.
 */
class EventSchemasTest {

    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    static final EventSchemas SCHEMAS = new EventSchemas();
    static final String ID = UUID.randomUUID().toString();
    static final Instant NOW = Instant.parse("2026-11-21T10:15:02.123456Z");

    /** One payload as the services write it, per event type; several where a field may be left out. */
    static List<EventPayload> examples() {
        Patient patient = new Patient("MRN-0042", "Ada", "Lovelace", LocalDate.of(1961, 3, 14), Sex.FEMALE, "0123 456");
        Intake full = new Intake(patient, new Referrer("Dr Who", "Clinic"),
                new Complaint(Region.LUMBAR, 10, 7, "Since lifting"), List.of(Finding.MINOR_TRAUMA, Finding.OSTEOPOROSIS),
                4, false, new StartBackAnswers(List.of(true, false, true, false, true, false, true, false), Bothersomeness.VERY_MUCH));
        Intake least = new Intake(new Patient("MRN-1", "A", "B", LocalDate.of(2000, 1, 1), null, null), null,
                new Complaint(Region.CERVICAL, 0, 0, null), null, null, null, null);
        return List.of(
                ReferralSubmitted.of(ID, NOW, full),
                ReferralSubmitted.of(ID, NOW, least),
                new ReferralTriaged(ID, Pathway.URGENT_IMAGING, Priority.URGENT, List.of("R13", "R14"),
                        List.of("Minor injury with fracture risk", "Osteoporosis"), new StartBackScore(5, 3, StartBackScore.Risk.MEDIUM)),
                new ReferralTriaged(ID, Pathway.PHYSICAL_THERAPY, Priority.ROUTINE, List.of("R23"), List.of("Recurrent"), null),
                new ReferralStatusChanged(ID, ReferralStatus.SCHEDULED, Pathway.URGENT_IMAGING, "Booked: MRI-1", NOW),
                new ReferralStatusChanged(ID, ReferralStatus.CANCELLED, null, "Referral cancelled: moved", NOW),
                AppointmentRequested.earliestBefore(ID, Pathway.PHYSICAL_THERAPY, NOW.plus(Duration.ofDays(14))),
                AppointmentRequested.slot(ID, Pathway.PRIMARY_CARE_FOLLOW_UP, UUID.randomUUID()),
                new AppointmentBooked(ID, Pathway.ER_REFERRAL, NOW, NOW.plusSeconds(900), "Emergency department", "ED"),
                new AppointmentFailed(ID, "No slot before the deadline"),
                new AppointmentCancelRequested(ID, "Patient moved away"),
                new AppointmentCancelRequested(ID, null),
                new ReferralCancelRequested(ID, "Patient moved away", "frontdesk"),
                new AppointmentAttendance(ID, Pathway.PHYSICAL_THERAPY, NOW, "Physiotherapy clinic", false),
                new ReferralFindingsAdded(ID, 1, NOW, "Fever since last night", ReferralSubmitted.of(ID, NOW, full)),
                new ReferralFindingsAdded(ID, 2, NOW, null, ReferralSubmitted.of(ID, NOW, least)),
                new ReferralRetriaged(ID, 1, NOW, "Fever since last night", new ReferralTriaged(ID, Pathway.ER_REFERRAL,
                        Priority.STAT, List.of("R03"), List.of("Fever with back pain"), null)),
                new ReferralRetriaged(ID, 2, NOW, null, new ReferralTriaged(ID, Pathway.PHYSICAL_THERAPY,
                        Priority.ROUTINE, List.of("R23"), List.of("Recurrent"), null)));
    }

    @Test
    void every_payload_the_services_write_matches_its_schema() {
        for (EventPayload payload : examples()) {
            assertThat(SCHEMAS.problems(EventType.of(payload), JSON.valueToTree(payload)))
                    .as("%s: %s", EventType.of(payload), JSON.valueToTree(payload)).isEmpty();
        }
        assertThat(examples().stream().map(EventType::of).collect(Collectors.toSet())).containsExactlyInAnyOrder(EventType.values());
    }

    @Test
    void a_triage_result_with_a_null_pathway_is_refused_naming_the_field() {
        ObjectNode triaged = JSON.valueToTree(examples().get(2));
        triaged.putNull("pathway");

        assertThat(SCHEMAS.problems(EventType.REFERRAL_TRIAGED, triaged)).singleElement().asString().startsWith("/pathway ");
    }

    @Test
    void missing_fields_null_fields_wrong_types_extra_fields_and_foreign_ids_are_refused() {
        assertThat(SCHEMAS.problems(EventType.REFERRAL_TRIAGED, with(2, node -> node.remove("referralId"))))
                .containsExactly("/referralId is required");
        assertThat(SCHEMAS.problems(EventType.REFERRAL_TRIAGED, with(2, node -> node.put("referralId", "42; DROP TABLE"))))
                .singleElement().asString().startsWith("/referralId ");
        assertThat(SCHEMAS.problems(EventType.REFERRAL_TRIAGED, with(2, node -> node.putArray("rules"))))
                .singleElement().asString().startsWith("/rules ");
        assertThat(SCHEMAS.problems(EventType.REFERRAL_STATUS_CHANGED, with(4, node -> node.put("at", "yesterday"))))
                .singleElement().asString().startsWith("/at ");
        assertThat(SCHEMAS.problems(EventType.REFERRAL_STATUS_CHANGED, with(4, node -> node.put("status", 3))))
                .singleElement().asString().startsWith("/status ");
        assertThat(SCHEMAS.problems(EventType.APPOINTMENT_BOOKED, with(8, node -> node.put("extra", true))))
                .containsExactly("/extra is not a field of this event");
        assertThat(SCHEMAS.problems(EventType.APPOINTMENT_REQUESTED, with(6, node -> node.putNull("pathway"))))
                .singleElement().asString().startsWith("/pathway ");
        assertThat(SCHEMAS.problems(EventType.APPOINTMENT_REQUESTED, with(6, node -> node.remove("notAfter"))))
                .as("an ER handoff is asked for without a deadline or a slot").isEmpty();
        assertThat(SCHEMAS.problems(EventType.REFERRAL_SUBMITTED, with(0, node -> ((ObjectNode) node.get("patient")).putNull("mrn"))))
                .singleElement().asString().startsWith("/patient/mrn ");
        assertThat(SCHEMAS.problems(EventType.REFERRAL_SUBMITTED, JSON.getNodeFactory().textNode("a string")))
                .singleElement().asString().startsWith("/ has the wrong type");
    }

    @Test
    void problems_never_repeat_the_offending_value() {
        ObjectNode submitted = with(0, node -> ((ObjectNode) node.get("patient")).put("familyName", 12345));
        ((ObjectNode) submitted.get("patient")).put("mrn", "Lovelace-Secret-Name-That-Is-Far-Too-Long-For-An-MRN");

        assertThat(String.join(" ", SCHEMAS.problems(EventType.REFERRAL_SUBMITTED, submitted)))
                .doesNotContain("Lovelace", "12345");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void each_schema_names_exactly_the_fields_of_its_payload_record(EventType type) throws Exception {
        JsonNode schema = schema(EventSchemas.fileOf(type));
        Set<String> fields = new TreeSet<>();
        schema.get("properties").fieldNames().forEachRemaining(fields::add);

        assertThat(fields).as("fields of %s", type.payloadType().getSimpleName())
                .isEqualTo(Arrays.stream(type.payloadType().getRecordComponents()).map(RecordComponent::getName)
                        .collect(Collectors.toCollection(TreeSet::new)));
        assertThat(schema.get("$id").asText()).isEqualTo(EventSchemas.SCHEMA_BASE + EventSchemas.fileOf(type));
        assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void the_shared_codes_are_the_contract_enums() throws Exception {
        JsonNode defs = schema("common.schema.json").get("$defs");
        assertThat(codes(defs, "pathway")).containsExactlyElementsOf(names(Pathway.values(), Enum::name));
        assertThat(codes(defs, "priority")).containsExactlyElementsOf(names(Priority.values(), Priority::code));
        assertThat(codes(defs, "status")).containsExactlyElementsOf(names(ReferralStatus.values(), Enum::name));
        assertThat(codes(defs, "region")).containsExactlyElementsOf(names(Region.values(), Enum::name));
        assertThat(codes(defs, "sex")).containsExactlyElementsOf(names(Sex.values(), sex -> sex.name().toLowerCase(Locale.ROOT)));
        assertThat(codes(defs, "finding")).containsExactlyElementsOf(names(Finding.values(), Enum::name));
        assertThat(codes(defs, "bothersomeness")).containsExactlyElementsOf(names(Bothersomeness.values(), Enum::name));
        assertThat(codes(defs, "risk")).containsExactlyElementsOf(names(StartBackScore.Risk.values(), Enum::name));
    }

    static ObjectNode with(int example, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode node = JSON.valueToTree(examples().get(example));
        change.accept(node);
        return node;
    }

    private static JsonNode schema(String file) throws Exception {
        try (InputStream in = EventSchemas.class.getResourceAsStream("/health/backline/events/schema/" + file)) {
            assertThat(in).as(file).isNotNull();
            return JSON.readTree(in);
        }
    }

    private static List<String> codes(JsonNode defs, String name) {
        List<String> codes = new ArrayList<>();
        defs.get(name).get("enum").forEach(code -> codes.add(code.asText()));
        return codes;
    }

    private static <E> List<String> names(E[] values, Function<E, String> code) {
        return Arrays.stream(values).map(code).toList();
    }
}
