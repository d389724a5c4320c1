package health.backline.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import health.backline.testsupport.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The cluster's intake front over real HTTP servers standing in for the two intake instances. */
class IntakeFrontIT {

    /** What an instance saw of one request. */
    record Seen(String method, String uri, String body, Map<String, List<String>> headers) {

        String header(String name) {
            return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                    .map(header -> String.join(",", header.getValue())).findFirst().orElse(null);
        }
    }

    private final List<HttpServer> instances = new ArrayList<>();
    private final List<List<Seen>> seen = new ArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private IntakeFront front;

    @AfterEach
    void stopAll() {
        if (front != null) {
            front.close();
        }
        instances.forEach(server -> server.stop(0));
    }

    /** An instance that answers with its number, and a cookie on {@code /login}. */
    private URI instance(int number) throws IOException {
        List<Seen> requests = new CopyOnWriteArrayList<>();
        seen.add(requests);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    Map.copyOf(exchange.getRequestHeaders())));
            if (exchange.getRequestURI().getPath().equals("/die")) {
                exchange.close();
                return;
            }
            if (exchange.getRequestURI().getPath().equals("/login")) {
                exchange.getResponseHeaders().add("Set-Cookie", "JSESSIONID=" + number + "; Path=/; HttpOnly");
            }
            reply(exchange, "instance " + number);
        });
        server.start();
        instances.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void reply(HttpExchange exchange, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** Where nothing listens: connections are refused, as by a stopped instance. */
    private static URI stoppedInstance() {
        return URI.create("http://127.0.0.1:" + FreePorts.take(1)[0]);
    }

    private IntakeFront front(URI... behind) throws IOException {
        front = IntakeFront.start(BindAddress.LOOPBACK, FreePorts.take(1)[0], List.of(behind));
        return front;
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.port() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void requests_go_to_each_instance_in_turn() throws Exception {
        front(instance(1), instance(2));

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(get("/api/referrals").body());
        }

        assertThat(answers).containsExactly("instance 1", "instance 2", "instance 1", "instance 2");
    }

    @Test
    void an_instance_that_refuses_connections_is_skipped_and_with_none_left_the_answer_is_503() throws Exception {
        front(stoppedInstance(), instance(2));

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> answer = get("/api/referrals");
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("instance 2");
        }
        front.close();

        front(stoppedInstance(), stoppedInstance());
        HttpResponse<String> none = get("/api/referrals");
        assertThat(none.statusCode()).isEqualTo(503);
        assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(none.body()).contains("No intake instance accepts connections.");
    }

    @Test
    void a_request_an_instance_took_without_answering_gets_502_and_is_not_sent_again() throws Exception {
        front(instance(1), instance(2));

        HttpResponse<String> answer = get("/die");

        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(answer.body()).contains("Intake instance 1 took the request but gave no answer");
        assertThat(seen.get(1)).isEmpty();
    }

    @Test
    void method_path_body_and_headers_pass_with_the_clients_address_in_forwarded_headers() throws Exception {
        front(instance(1));

        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + front.port() + "/api/referrals?page=2"))
                .header("Authorization", "Basic ZnJvbnRkZXNrOmZyb250ZGVzaw==")
                .header("Idempotency-Key", "key-1")
                .header("X-Forwarded-For", "203.0.113.9")
                .POST(HttpRequest.BodyPublishers.ofString("{\"patient\":{}}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        Seen request = seen.get(0).get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).isEqualTo("/api/referrals?page=2");
        assertThat(request.body()).isEqualTo("{\"patient\":{}}");
        assertThat(request.header("Authorization")).isEqualTo("Basic ZnJvbnRkZXNrOmZyb250ZGVzaw==");
        assertThat(request.header("Idempotency-Key")).isEqualTo("key-1");
        assertThat(request.header("X-Forwarded-For")).as("the client's own, never what it claims").isEqualTo("127.0.0.1");
        assertThat(request.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(request.header("X-Forwarded-Host")).isEqualTo("127.0.0.1");
        assertThat(request.header("X-Forwarded-Port")).isEqualTo(String.valueOf(front.port()));
    }

    @Test
    void a_client_with_a_session_stays_with_the_instance_that_made_it() throws Exception {
        front(instance(1), instance(2));
        get("/api/referrals");

        HttpResponse<String> login = get("/login");
        assertThat(login.body()).isEqualTo("instance 2");
        assertThat(login.headers().allValues("Set-Cookie")).contains("BACKLINE_INTAKE=2; Path=/; HttpOnly; SameSite=Lax");

        for (int i = 0; i < 3; i++) {
            assertThat(get("/referrals", "Cookie", "JSESSIONID=2; BACKLINE_INTAKE=2").body()).isEqualTo("instance 2");
        }
    }
}
