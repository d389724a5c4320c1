package health.backline.workflow.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.events.Pathway;
import health.backline.events.Topics;
import health.backline.events.intake.Complaint;
import health.backline.events.intake.Intake;
import health.backline.events.intake.Patient;
import health.backline.events.intake.Region;
import health.backline.events.payload.ReferralSubmitted;
import health.backline.events.payload.ReferralTriaged;
import health.backline.testsupport.KafkaRecords;
import health.backline.testsupport.RealInfrastructure;
import health.backline.testsupport.WithRealInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The workflow over real Kafka: messages that race each other, and messages delivered twice. */
@SpringBootTest
@WithRealInfrastructure
class ReferralMessagesIT {

    @Autowired
    RuntimeService runtime;

    @Autowired
    ObjectMapper objectMapper;

    @Test
    void a_triage_result_that_overtakes_its_referral_is_retried_until_the_referral_waits_for_it() throws Exception {
        KafkaRecords requests = KafkaRecords.of(RealInfrastructure.get(), Topics.APPOINTMENTS_REQUESTED);
        String referral = UUID.randomUUID().toString();
        send(Topics.REFERRALS_TRIAGED, referral, "backline.referral.triaged.v1", new ReferralTriaged(referral,
                Pathway.PHYSICAL_THERAPY, Pathway.PHYSICAL_THERAPY.priority(), List.of("R23"), List.of("Recurrent"), null));
        // Long enough for the first delivery to fail: no instance exists yet.
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        ReferralSubmitted submitted = submitted(referral);
        send(Topics.REFERRALS_SUBMITTED, referral, "backline.referral.submitted.v1", submitted);
        send(Topics.REFERRALS_SUBMITTED, referral, "backline.referral.submitted.v1", submitted);

        JsonNode request = objectMapper.readTree(requests.await(r -> r.key().equals(referral)).value());
        assertThat(request.get("pathway").asText()).isEqualTo("PHYSICAL_THERAPY");
        assertThat(Instant.parse(request.get("notAfter").asText())).isAfter(Instant.now().plus(Duration.ofDays(13)));
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(referral).count()).isEqualTo(1);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(referral).activityIdIn("AwaitBookingOutcome")
                .count()).isEqualTo(1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                requests.received().stream().filter(r -> r.key().equals(referral)).count() == 1);
    }

    private static ReferralSubmitted submitted(String referral) {
        return ReferralSubmitted.of(referral, Instant.now(), new Intake(
                new Patient("MRN-5", "Sam", "Reed", LocalDate.of(1985, 6, 1), null, null), null,
                new Complaint(Region.LUMBAR, 20, 5, null), List.of(), 0, null, null));
    }

    /** Each call is a new delivery with its own CloudEvents id, as a producer's retry would make. */
    private void send(String topic, String referral, String type, Object data) throws Exception {
        KafkaRecords.send(RealInfrastructure.get(), KafkaRecords.cloudEvent(topic, referral, UUID.randomUUID().toString(),
                type, objectMapper.writeValueAsBytes(data)));
    }
}
