package health.backline.workflow.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.events.EventPayload;
import health.backline.events.EventType;
import health.backline.events.Pathway;
import health.backline.events.Topics;
import health.backline.events.intake.Complaint;
import health.backline.events.intake.Intake;
import health.backline.events.intake.Patient;
import health.backline.events.intake.Region;
import health.backline.events.payload.ReferralCancelRequested;
import health.backline.events.payload.ReferralSubmitted;
import health.backline.events.payload.ReferralTriaged;
import health.backline.testsupport.ConsumerProgress;
import health.backline.testsupport.KafkaRecords;
import health.backline.testsupport.RealInfrastructure;
import health.backline.workflow.WorkflowServiceTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The workflow over real Kafka: events of one referral travel on different topics, so they overtake
 * each other, by minutes under a backlog; and a record may be delivered twice.
 */
@WorkflowServiceTest
class ReferralMessagesIT {

    /** How long the submissions are held back: far longer than the consumers' retries ever waited (about 45 s). */
    private static final Duration HOLD = Duration.ofMinutes(2);

    @Autowired
    RuntimeService runtime;

    @Autowired
    HistoryService history;

    @Autowired
    TaskService tasks;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper objectMapper;

    @Test
    void events_that_overtake_the_submission_by_minutes_wait_for_it_and_a_cancellation_wins() throws Exception {
        KafkaRecords requests = KafkaRecords.of(RealInfrastructure.get(), Topics.APPOINTMENTS_REQUESTED);
        KafkaRecords statuses = KafkaRecords.of(RealInfrastructure.get(), Topics.REFERRALS_STATUS);
        String triagedFirst = UUID.randomUUID().toString();
        String cancelledFirst = UUID.randomUUID().toString();
        List<KafkaRecords> deadLetters = deadLetterTopics();
        MessageListenerContainer submissions = listeners.getListenerContainer("workflow-submitted-referrals");
        submissions.pause();
        await().atMost(Duration.ofSeconds(30)).until(submissions::isContainerPaused);
        try {
            send(submitted(triagedFirst));
            send(submitted(cancelledFirst));
            String triageResult = send(physicalTherapy(triagedFirst)).eventId();
            send(new ReferralCancelRequested(cancelledFirst, "Patient moved away", "frontdesk"));
            String lateTriageResult = send(physicalTherapy(cancelledFirst)).eventId();

            // Both triage results are taken at once (kept, not retried), and the cancellation is reported at once.
            await().atMost(Duration.ofSeconds(30)).until(() -> handled(triageResult) && handled(lateTriageResult));
            assertThat(statusesOf(statuses, cancelledFirst)).containsExactly("CANCELLED");
            // For the whole hold: the early result stays kept, nothing starts, nothing is retried into a dead letter.
            await().during(HOLD).atMost(HOLD.plusSeconds(30)).pollInterval(Duration.ofSeconds(2)).until(() ->
                    keptTriageResult(triagedFirst) && !keptTriageResult(cancelledFirst)
                            && historicInstancesOf(triagedFirst) + historicInstancesOf(cancelledFirst) == 0
                            && deadLettered(deadLetters, triagedFirst, cancelledFirst).isEmpty());
        } finally {
            submissions.resume();
        }

        JsonNode request = objectMapper.readTree(requests.await(r -> r.key().equals(triagedFirst)).value());
        assertThat(request.get("pathway").asText()).isEqualTo("PHYSICAL_THERAPY");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(triagedFirst)
                .activityIdIn(ReferralProcess.Elements.AWAIT_BOOKING_OUTCOME).count()).isEqualTo(1);
        assertThat(statusesOf(statuses, triagedFirst)).containsExactly("TRIAGED");

        assertThat(historicInstancesOf(cancelledFirst)).isZero();
        assertThat(requests.allUpToNow()).noneMatch(r -> r.key().equals(cancelledFirst));
        assertThat(statusesOf(statuses, cancelledFirst)).containsExactly("CANCELLED");
        assertNothingDeadLettered(triagedFirst, cancelledFirst);
    }

    @Test
    void a_triage_result_for_a_referral_cancelled_meanwhile_is_ignored() throws Exception {
        KafkaRecords statuses = KafkaRecords.of(RealInfrastructure.get(), Topics.REFERRALS_STATUS);
        String referral = UUID.randomUUID().toString();
        send(submitted(referral));
        await().atMost(Duration.ofSeconds(30)).until(() -> historicInstancesOf(referral) == 1);
        send(new ReferralCancelRequested(referral, "Entered twice", "lead"));
        statuses.await(r -> r.key().equals(referral));
        String lateTriageResult = send(physicalTherapy(referral)).eventId();
        await().atMost(Duration.ofSeconds(30)).until(() -> handled(lateTriageResult));

        assertThat(statusesOf(statuses, referral)).containsExactly("CANCELLED");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(referral).count()).isZero();
        assertNothingDeadLettered(referral);
    }

    @Test
    void a_submission_delivered_twice_starts_one_instance() throws Exception {
        KafkaRecords requests = KafkaRecords.of(RealInfrastructure.get(), Topics.APPOINTMENTS_REQUESTED);
        String referral = UUID.randomUUID().toString();
        ReferralSubmitted submitted = submitted(referral);
        send(submitted);
        Sent again = send(submitted);
        send(physicalTherapy(referral));

        JsonNode request = objectMapper.readTree(requests.await(r -> r.key().equals(referral)).value());
        assertThat(Instant.parse(request.get("notAfter").asText())).isAfter(Instant.now().plus(Duration.ofDays(13)));
        ConsumerProgress.awaitHandled(RealInfrastructure.get(), "workflow-submitted-referrals", again.at());
        assertThat(historicInstancesOf(referral)).isEqualTo(1);
        // Everything the referral's events caused has left the outbox: Kafka holds one request.
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM outbox_event WHERE record_key = ?")
                .param(referral).query(Long.class).single() == 0);
        assertThat(requests.allUpToNow()).filteredOn(r -> r.key().equals(referral)).hasSize(1);
    }

    @Test
    void a_status_that_waits_for_a_clinician_carries_the_deadline_of_their_task() throws Exception {
        KafkaRecords statuses = KafkaRecords.of(RealInfrastructure.get(), Topics.REFERRALS_STATUS);
        String referral = UUID.randomUUID().toString();
        send(submitted(referral));
        send(new ReferralTriaged(referral, Pathway.URGENT_IMAGING, Pathway.URGENT_IMAGING.priority(), List.of("R14"),
                List.of("Osteoporosis"), null));

        JsonNode review = objectMapper.readTree(statuses.await(r -> r.key().equals(referral)
                && new String(r.value(), StandardCharsets.UTF_8).contains("AWAITING_REVIEW")).value());
        Instant at = Instant.parse(review.get("at").asText());
        assertThat(Instant.parse(review.get("due").asText())).isEqualTo(at.plus(Duration.ofHours(4)));
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(referral).singleResult();
        assertThat(task.getDueDate().toInstant()).isCloseTo(at.plus(Duration.ofHours(4)), within(1, ChronoUnit.SECONDS));
        JsonNode triaged = objectMapper.readTree(statuses.await(r -> r.key().equals(referral)
                && new String(r.value(), StandardCharsets.UTF_8).contains("\"TRIAGED\"")).value());
        assertThat(triaged.has("due")).as("triaged waits for nobody").isFalse();
    }

    private long historicInstancesOf(String referral) {
        return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(referral).count();
    }

    /** Whether the workflow's inbox recorded the event: its effect committed with it. */
    private boolean handled(String eventId) {
        return jdbc.sql("SELECT count(*) FROM processed_event WHERE event_id = ?").param(eventId)
                .query(Integer.class).single() == 1;
    }

    private List<String> statusesOf(KafkaRecords statuses, String referral) throws Exception {
        List<String> found = new ArrayList<>();
        for (var record : statuses.allUpToNow()) {
            if (record.key().equals(referral)) {
                found.add(objectMapper.readTree(record.value()).get("status").asText());
            }
        }
        return found;
    }

    private static void assertNothingDeadLettered(String... referrals) {
        assertThat(deadLettered(deadLetterTopics(), referrals)).as("dead letters of %s", List.of(referrals)).isEmpty();
    }

    /** The dead-letter topics of the workflow's inputs, each read from its start. */
    private static List<KafkaRecords> deadLetterTopics() {
        return Stream.of(Topics.REFERRALS_SUBMITTED, Topics.REFERRALS_TRIAGED, Topics.REFERRALS_CANCEL)
                .map(topic -> KafkaRecords.of(RealInfrastructure.get(), Topics.deadLetterOf(topic))).toList();
    }

    /** The dead letters, up to now, of these referrals. */
    private static List<ConsumerRecord<String, byte[]>> deadLettered(List<KafkaRecords> deadLetters, String... referrals) {
        return deadLetters.stream().flatMap(topic -> topic.allUpToNow().stream())
                .filter(r -> List.of(referrals).contains(r.key())).toList();
    }

    /** Whether a triage result that came before its submission waits in the referral's record. */
    private boolean keptTriageResult(String referral) {
        return jdbc.sql("SELECT count(*) FROM referral_instance WHERE referral_id = ? AND early_triage IS NOT NULL")
                .param(UUID.fromString(referral)).query(Integer.class).single() == 1;
    }

    private static ReferralSubmitted submitted(String referral) {
        return ReferralSubmitted.of(referral, Instant.now(), new Intake(
                new Patient("MRN-5", "Sam", "Reed", LocalDate.of(1985, 6, 1), null, null), null,
                new Complaint(Region.LUMBAR, 20, 5, null), List.of(), 0, null, null));
    }

    private static ReferralTriaged physicalTherapy(String referral) {
        return new ReferralTriaged(referral, Pathway.PHYSICAL_THERAPY, Pathway.PHYSICAL_THERAPY.priority(),
                List.of("R23"), List.of("Recurrent"), null);
    }

    /** Sends the event as its producer would; each call is a new delivery with its own CloudEvents id. */
    /** An event as sent: its CloudEvents id, and where Kafka wrote it. */
    private record Sent(String eventId, RecordMetadata at) {
    }

    /** Sends the event with a new id, as its service would. */
    private Sent send(EventPayload payload) throws Exception {
        EventType type = EventType.of(payload);
        String id = UUID.randomUUID().toString();
        return new Sent(id, KafkaRecords.send(RealInfrastructure.get(), KafkaRecords.cloudEvent(type.topic(),
                payload.referralId(), id, type.type(), objectMapper.writeValueAsBytes(payload))));
    }
}
