package health.backline.intake.referral.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.backline.intake.IntakeApplication;
import health.backline.testsupport.RealInfrastructure;
import health.backline.testsupport.WithRealInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Generated hostile bodies against {@code POST /api/referrals} of the real intake service (real PostgreSQL and
 * Kafka): each is refused with a problem document, leaves nothing in the database and publishes nothing, while
 * valid intakes generated alongside are still accepted. The seed is fixed, so a run can be repeated exactly.
 */
class IntakeFuzzingIT {

    static final String SEED = "20261202";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FRONT_DESK = "Basic " + Base64.getEncoder()
            .encodeToString("frontdesk:frontdesk".getBytes(StandardCharsets.UTF_8));

    private static ConfigurableApplicationContext intake;
    private static IntakeTraces traces;
    private static URI referrals;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeContainer
    static void startIntake() {
        intake = new SpringApplicationBuilder(IntakeApplication.class)
                .initializers(new WithRealInfrastructure.Initializer())
                .run("--server.port=0");
        RealInfrastructure.stopBeforeInfrastructure(intake);
        referrals = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) intake).getWebServer().getPort()
                + "/api/referrals");
        traces = new IntakeTraces(intake.getBean(JdbcClient.class), RealInfrastructure.get());
    }

    @AfterContainer
    static void stopIntake() {
        traces.close();
        intake.close();
    }

    @Property(tries = 2000, seed = SEED, shrinking = ShrinkingMode.OFF)
    void a_hostile_intake_is_refused_with_a_problem_and_leaves_no_trace(@ForAll("hostileRequests") HostileRequest request)
            throws Exception {
        // Whatever a valid try wrote is on its way to Kafka: wait until it is there, so it cannot pass for a trace.
        await().atMost(Duration.ofSeconds(30)).until(() -> traces.unsent() == 0);
        IntakeTraces.Snapshot before = traces.now();

        HttpResponse<String> answer = post(request.contentType(), request.body());

        assertThat(answer.statusCode()).as("%s answered %s", request, answer.body()).isIn(400, 413, 415);
        assertThat(answer.headers().firstValue("Content-Type")).as(request.toString())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(answer.body()).path("status").asInt()).as(request.toString())
                .isEqualTo(answer.statusCode());
        assertThat(traces.now()).as(request.toString()).isEqualTo(before);
    }

    @Property(tries = 100, seed = SEED)
    void a_valid_intake_generated_alongside_is_still_accepted_stored_and_announced(@ForAll("validIntakes") ObjectNode body)
            throws Exception {
        IntakeTraces.Snapshot before = traces.now();

        HttpResponse<String> answer = post(HostileRequest.JSON, JSON.writeValueAsBytes(body));

        assertThat(answer.statusCode()).as("%s answered %s", body, answer.body()).isEqualTo(202);
        assertThat(traces.now().referrals()).isEqualTo(before.referrals() + 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> traces.published() > before.published());
    }

    @Provide
    Arbitrary<HostileRequest> hostileRequests() {
        return HostileIntakes.requests();
    }

    @Provide
    Arbitrary<ObjectNode> validIntakes() {
        return ValidIntakes.intakes();
    }

    private static HttpResponse<String> post(String contentType, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(referrals)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", FRONT_DESK)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
