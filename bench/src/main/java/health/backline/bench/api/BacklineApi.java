package health.backline.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The few calls of the public contract (docs/contract/api.md) the bench makes, all asynchronous: submit a referral
 * as the front desk, read one back, add a slot as a scheduler.
 */
public final class BacklineApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder()
            // Plain HTTP/1.1 keep-alive, as a browser or clinic system talks to Tomcat here; no h2c upgrade attempts.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI intake;
    private final URI scheduling;
    private final String frontDesk;
    private final String scheduler;

    public BacklineApi(URI intake, URI scheduling, Credentials frontDesk, Credentials scheduler) {
        this.intake = intake;
        this.scheduling = scheduling;
        this.frontDesk = frontDesk.basicAuthorization();
        this.scheduler = scheduler.basicAuthorization();
    }

    /** {@code POST /api/referrals}: 202 with the referral view, or the same referral with 200 on a repeated key. */
    public CompletableFuture<Answer> submitReferral(byte[] intakeJson, String idempotencyKey) {
        return send(post(intake.resolve("/api/referrals"), frontDesk, intakeJson)
                .header("Idempotency-Key", idempotencyKey).build());
    }

    /** {@code GET /api/referrals/{id}}: the referral view with its timeline. */
    public CompletableFuture<Answer> referral(String id) {
        return send(HttpRequest.newBuilder(intake.resolve("/api/referrals/" + id))
                .header("Authorization", frontDesk).timeout(REQUEST_TIMEOUT).GET().build());
    }

    /** {@code POST /api/slots}: 201, or 409 when the resource already has a slot starting then. */
    public CompletableFuture<Answer> addSlot(byte[] slotJson) {
        return send(post(scheduling.resolve("/api/slots"), scheduler, slotJson).build());
    }

    /**
     * Which of the two services the bench talks to does not answer {@code GET /actuator/health} with UP (the
     * contract's readiness: database, Kafka, consumers assigned); empty when both do.
     */
    public Optional<String> notReady() {
        for (URI service : List.of(intake, scheduling)) {
            try {
                Answer health = send(HttpRequest.newBuilder(service.resolve("/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).GET().build()).join();
                if (health.status() != 200 || !"UP".equals(health.body().path("status").asText())) {
                    return Optional.of(service + " answers /actuator/health with " + health.status());
                }
            } catch (CompletionException unreachable) {
                return Optional.of(service + " does not answer: " + unreachable.getCause());
            }
        }
        return Optional.empty();
    }

    private static HttpRequest.Builder post(URI uri, String authorization, byte[] json) {
        return HttpRequest.newBuilder(uri)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
    }

    private CompletableFuture<Answer> send(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> new Answer(response.statusCode(), json(response.body())));
    }

    private static JsonNode json(byte[] body) {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }
}
