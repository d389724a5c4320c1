package health.backline.bench.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** The contract's rule replay ({@code POST /api/triage/replay}, Governance), as a clinical lead. */
public final class ReplayApi {

    /** A replay of 10,000 decisions must answer within 10 s; a minute is "it did not". */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI triage;
    private final String lead;

    public ReplayApi(URI triage, Credentials lead) {
        this.triage = triage;
        this.lead = lead.basicAuthorization();
    }

    /** The answer and how long it took, from sending the request to reading the last byte. */
    public record Timed(Answer answer, Duration took) {
    }

    public Timed replay(byte[] table, Instant from, Instant to) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(triage.resolve("/api/triage/replay?from=" + from + "&to=" + to))
                .header("Authorization", lead).header("Content-Type", "application/xml").timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(table)).build();
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new Timed(new Answer(response.statusCode(), JSON.readTree(response.body())), took);
    }
}
