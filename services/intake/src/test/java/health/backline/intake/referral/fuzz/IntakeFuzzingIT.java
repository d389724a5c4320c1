package health.backline.intake.referral.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.backline.intake.IntakeServiceTest;
import health.backline.testsupport.RealInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Generated hostile bodies against {@code POST /api/referrals} of the real intake service (real PostgreSQL and
 * Kafka), one dynamic test each: each is refused with a problem document, leaves nothing in the database and
 * publishes nothing, while valid intakes generated alongside are still accepted. The seed is fixed (see
 * {@link FuzzRandom}), so a run repeats exactly; a failure names its seed and body.
 */
@IntakeServiceTest
class IntakeFuzzingIT {

    private static final int HOSTILE_BODIES = 2_000;
    private static final int VALID_INTAKES = 100;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The service starter's default {@code backline.http.max-body-size}: a larger body is never parsed. */
    private static final int BODY_LIMIT = 64 * 1024;

    private static final String FRONT_DESK = "Basic " + Base64.getEncoder()
            .encodeToString("frontdesk:frontdesk".getBytes(StandardCharsets.UTF_8));

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    IntakeTraces traces;

    @BeforeEach
    void watchTraces() {
        traces = new IntakeTraces(jdbc, RealInfrastructure.get());
    }

    @AfterEach
    void stopWatching() {
        traces.close();
    }

    @TestFactory
    Stream<DynamicTest> a_hostile_intake_is_refused_with_a_problem_and_leaves_no_trace() {
        return generated(HOSTILE_BODIES, (number, random) -> {
            HostileRequest request = HostileIntakes.number(number, random);
            return dynamicTest("#" + number + " " + request.flaw(),
                    () -> refusedWithoutTrace(request, described(number, random, request)));
        });
    }

    @TestFactory
    Stream<DynamicTest> a_valid_intake_generated_alongside_is_still_accepted_stored_and_announced() {
        return generated(VALID_INTAKES, (number, random) -> {
            ObjectNode intake = ValidIntakes.next(random);
            return dynamicTest("#" + number + " valid intake of MRN " + intake.at("/patient/mrn").asText(),
                    () -> acceptedAndAnnounced(intake, described(number, random, intake)));
        });
    }

    /** {@code count} tests, made in order from one seeded random, so test #n is the same in every run of a seed. */
    private static Stream<DynamicTest> generated(int count, BiFunction<Integer, FuzzRandom, DynamicTest> test) {
        FuzzRandom random = FuzzRandom.fromSystemProperty();
        return IntStream.rangeClosed(1, count).mapToObj(number -> test.apply(number, random));
    }

    /** What a failure prints: enough to find the body again ({@code -Dbackline.fuzz.seed}) and the body itself. */
    private static String described(int number, FuzzRandom random, Object body) {
        return "#%d of seed %d: %s".formatted(number, random.seed(), body);
    }

    private void refusedWithoutTrace(HostileRequest request, String what) throws Exception {
        // Whatever a valid intake wrote is on its way to Kafka: wait until it is there, so it cannot pass for a trace.
        // Looked at once first (no poll delay): mostly nothing is on its way, and 2,000 default delays of 100 ms
        // were 200 s of this test's 238.
        await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(30)).until(() -> traces.unsent() == 0);
        IntakeTraces.Snapshot before = traces.now();

        HttpResponse<String> answer = post(request.contentType(), request.body());

        assertThat(answer.statusCode()).as("%s answered %s", what, answer.body()).isIn(400, 413, 415);
        if (request.body().length > BODY_LIMIT) {
            assertThat(answer.statusCode()).as("%s: over the body limit", what).isEqualTo(413);
        }
        assertThat(answer.headers().firstValue("Content-Type")).as(what)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(answer.body()).path("status").asInt()).as(what).isEqualTo(answer.statusCode());
        assertThat(traces.now()).as(what).isEqualTo(before);
    }

    private void acceptedAndAnnounced(ObjectNode intake, String what) throws Exception {
        IntakeTraces.Snapshot before = traces.now();

        HttpResponse<String> answer = post(HostileRequest.JSON, JSON.writeValueAsBytes(intake));

        assertThat(answer.statusCode()).as("%s answered %s", what, answer.body()).isEqualTo(202);
        assertThat(traces.now().referrals()).as(what).isEqualTo(before.referrals() + 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> traces.published() > before.published());
    }

    private HttpResponse<String> post(String contentType, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/referrals"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", FRONT_DESK)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
