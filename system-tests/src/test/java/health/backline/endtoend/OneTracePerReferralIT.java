package health.backline.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.endtoend.OtlpReceiver.ReceivedSpan;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One trace follows a referral through all four services (ADR 17): from the front desk's {@code POST /api/referrals}
 * through triage, the process and the booking, and back to intake, across every outbox and every topic. The packaged
 * services export their spans over OTLP to a receiver in this test; they run over a broker and a database of their
 * own, so no other test's services share their consumer groups.
 */
class OneTracePerReferralIT {

    private static final String[] SERVICES = {"intake", "triage", "workflow", "scheduling"};
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static OtlpReceiver receiver;
    private static OwnBrokerAndDatabase brokerAndDatabase;
    private static RunningBackline backline;

    @BeforeAll
    static void servicesThatExportTheirSpansHere() throws Exception {
        receiver = OtlpReceiver.start();
        brokerAndDatabase = OwnBrokerAndDatabase.start("tracing");
        List<String> settings = new ArrayList<>(brokerAndDatabase.connections());
        settings.add("--management.otlp.tracing.endpoint=" + receiver.endpoint());
        backline = RunningBackline.startWith(settings, "-tracing", SERVICES);
    }

    @AfterAll
    static void stopEverything() {
        Stream.of(backline, brokerAndDatabase, receiver).filter(Objects::nonNull).forEach(OneTracePerReferralIT::close);
    }

    private static void close(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void one_trace_follows_a_referral_from_submission_to_booking_through_all_four_services() throws Exception {
        String referral = submit(physicalTherapyIntake());
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> backline.get("intake", "/api/referrals/" + referral, "frontdesk").body(),
                        view -> view != null && "SCHEDULED".equals(view.path("status").asText()));

        // Each service exports its spans in batches, every 5 s: wait until all four have sent theirs.
        AtomicReference<List<ReceivedSpan>> trace = new AtomicReference<>(List.of());
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                trace.set(traceOfTheSubmission());
                assertOneTraceThroughAllFourServices(trace.get());
            });
        } finally {
            System.out.println(table(trace.get()));
        }
    }

    private static void assertOneTraceThroughAllFourServices(List<ReceivedSpan> trace) {
        assertThat(trace).extracting(ReceivedSpan::service).containsOnly(SERVICES).contains(SERVICES);
        assertThat(spanNames(trace, "triage")).contains("referrals.submitted receive", "referrals.triaged send");
        assertThat(spanNames(trace, "workflow")).contains("referrals.submitted receive", "referrals.triaged receive",
                "appointments.requested send", "appointments.outcome receive", "referrals.status send");
        assertThat(spanNames(trace, "scheduling")).contains("appointments.requested receive", "appointments.outcome send");
        assertThat(spanNames(trace, "intake")).contains("http post /api/referrals", "referrals.submitted send",
                "referrals.triaged receive", "referrals.status receive", "appointments.outcome receive");
        Set<String> spanIds = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
        assertThat(trace).filteredOn(span -> !spanIds.contains(span.parentSpanId()))
                .as("one root: every other span's parent is in the trace").hasSize(1);
    }

    /** Every span of the trace the front desk's submission started; empty until that span has arrived. */
    private static List<ReceivedSpan> traceOfTheSubmission() {
        List<ReceivedSpan> spans = receiver.spans();
        return spans.stream()
                .filter(span -> span.service().equals("intake") && span.kind().equals("SERVER")
                        && span.name().equals("http post /api/referrals"))
                .findFirst()
                .map(submission -> spans.stream().filter(span -> span.traceId().equals(submission.traceId()))
                        .sorted(Comparator.comparingLong(ReceivedSpan::startNanos)).toList())
                .orElse(List.of());
    }

    private static List<String> spanNames(List<ReceivedSpan> trace, String service) {
        return trace.stream().filter(span -> span.service().equals(service)).map(ReceivedSpan::name).toList();
    }

    /** The trace in start order, each span indented under its parent: service, span, kind, parent. */
    private static String table(List<ReceivedSpan> trace) {
        if (trace.isEmpty()) {
            return "No span of the submission's trace arrived";
        }
        Map<String, ReceivedSpan> byId = trace.stream().collect(Collectors.toMap(ReceivedSpan::spanId, Function.identity()));
        StringBuilder table = new StringBuilder("Trace " + trace.get(0).traceId() + ", " + trace.size() + " spans\n");
        table.append(String.format("%-11s %-52s %-9s %s%n", "service", "span", "kind", "parent"));
        for (ReceivedSpan span : trace) {
            int depth = 0;
            for (ReceivedSpan up = byId.get(span.parentSpanId()); up != null; up = byId.get(up.parentSpanId())) {
                depth++;
            }
            ReceivedSpan parent = byId.get(span.parentSpanId());
            table.append(String.format("%-11s %-52s %-9s %s%n", span.service(), "  ".repeat(depth) + span.name(),
                    span.kind(), parent == null ? "-" : parent.service() + ": " + parent.name()));
        }
        return table.toString();
    }

    private static String submit(JsonNode intake) {
        RunningBackline.Response accepted = backline.post("intake", "/api/referrals", "frontdesk", intake.toString(), Map.of());
        assertThat(accepted.status()).isEqualTo(202);
        return accepted.body().get("id").asText();
    }

    /** A clinical case triage sends to physical therapy: booked without a clinician's review. */
    private static JsonNode physicalTherapyIntake() throws Exception {
        try (InputStream in = OneTracePerReferralIT.class.getClassLoader().getResourceAsStream("processes/triage/cases.json")) {
            return StreamSupport.stream(JSON.readTree(in).get("cases").spliterator(), false)
                    .filter(clinicalCase -> clinicalCase.at("/expected/pathway").asText().equals("PHYSICAL_THERAPY"))
                    .findFirst().orElseThrow().get("intake");
        }
    }
}
