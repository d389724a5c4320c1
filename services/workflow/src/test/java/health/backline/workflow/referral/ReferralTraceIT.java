package health.backline.workflow.referral;

import static org.assertj.core.api.Assertions.assertThat;

import health.backline.events.Pathway;
import health.backline.events.Topics;
import health.backline.events.intake.Complaint;
import health.backline.events.intake.Intake;
import health.backline.events.intake.Patient;
import health.backline.events.intake.Region;
import health.backline.events.payload.AppointmentBooked;
import health.backline.events.payload.ReferralSubmitted;
import health.backline.events.payload.ReferralTriaged;
import health.backline.testsupport.KafkaRecords;
import health.backline.testsupport.RealInfrastructure;
import health.backline.workflow.WorkflowServiceTest;
import health.backline.workflow.booking.BookingOutcomes;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The referral's trace through the engine (ADR 17): the process starts in the trace of the submission, and what it
 * publishes later stays in that trace, also when the step runs in another trace (a task answered over HTTP, here
 * the triage result heard in a trace of its own) or in none (the job executor running a timer, here the test's
 * thread outside any span).
 */
@WorkflowServiceTest
class ReferralTraceIT {

    @Autowired
    Tracer tracer;

    @Autowired
    ReferralFlow flow;

    @Autowired
    BookingOutcomes bookings;

    @Autowired
    RuntimeService runtime;

    @Autowired
    ManagementService management;

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void every_status_the_process_publishes_continues_the_trace_of_the_submission() {
        KafkaRecords status = KafkaRecords.of(RealInfrastructure.get(), Topics.REFERRALS_STATUS);
        String referral = UUID.randomUUID().toString();
        String submissionTrace = inATraceOfItsOwn(() -> flow.submitted(ReferralSubmitted.of(referral, Instant.now(),
                new Intake(new Patient("MRN-7", "Ada", "Lovelace", LocalDate.of(1961, 3, 14), null, null), null,
                        new Complaint(Region.LUMBAR, 10, 5, null), List.of(), 0, null, null))));
        String triageTrace = inATraceOfItsOwn(() -> flow.triaged(new ReferralTriaged(referral, Pathway.PHYSICAL_THERAPY,
                Pathway.PHYSICAL_THERAPY.priority(), List.of("R23"), List.of("reason"), null)));
        Instant firstVisit = Instant.now().plus(Duration.ofDays(3));
        bookings.booked(new AppointmentBooked(referral, Pathway.PHYSICAL_THERAPY, firstVisit,
                firstVisit.plus(Duration.ofMinutes(30)), "Physiotherapy clinic", "PT-1"));
        ClockUtil.setCurrentTime(Date.from(firstVisit.plus(Duration.ofDays(28)).plusSeconds(1)));
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(referral).singleResult().getId();
        management.executeJob(management.createJobQuery().processInstanceId(instance).timers().executable()
                .singleResult().getId());

        status.await(record -> record.key().equals(referral) && text(record).contains("AWAITING_REASSESSMENT"));
        List<ConsumerRecord<String, byte[]>> statuses = status.received().stream()
                .filter(record -> record.key().equals(referral)).toList();
        assertThat(statuses).extracting(ReferralTraceIT::text)
                .anyMatch(text -> text.contains("\"TRIAGED\""))
                .anyMatch(text -> text.contains("\"SCHEDULED\""))
                .anyMatch(text -> text.contains("\"AWAITING_REASSESSMENT\""));
        assertThat(triageTrace).isNotEqualTo(submissionTrace);
        assertThat(statuses).extracting(ReferralTraceIT::traceIdOf).containsOnly(submissionTrace);
    }

    /** Runs the step in a new trace, as a record or request of its own would; returns that trace's id. */
    private String inATraceOfItsOwn(Runnable step) {
        Span span = tracer.nextSpan().name("test step").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            step.run();
        } finally {
            span.end();
        }
        return span.context().traceId();
    }

    private static String text(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    /** The trace id of the record's W3C traceparent header ({@code 00-<trace id>-<span id>-<flags>}). */
    private static String traceIdOf(ConsumerRecord<String, byte[]> record) {
        var header = record.headers().lastHeader("traceparent");
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8).split("-")[1];
    }
}
