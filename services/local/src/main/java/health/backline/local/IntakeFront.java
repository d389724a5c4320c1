package health.backline.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cluster profile's one address for intake, on intake's port: a reverse proxy that hands each request to the
 * next intake instance in turn, and to the one after when an instance refuses the connection (stopped, restarting).
 * A request an instance took but did not answer (it died) gets 502: only the client knows whether to send it again
 * (the front desk's client does, with its Idempotency-Key).
 *
 * <p>A browser's sign-in session lives in the instance that made it, so an answer that sets a cookie also sets the
 * front's own, {@value #INSTANCE_COOKIE}, and requests that carry it go to that instance while it accepts them, as an
 * Ingress with cookie affinity does. The instances learn the client's address and the address it used from
 * {@code X-Forwarded-*} headers, which the front sets and never passes on from a client.
 */
final class IntakeFront implements AutoCloseable {

    static final String INSTANCE_COOKIE = "BACKLINE_INTAKE";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final int WORKERS = 64;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** About one connection, not the request; or set by the HTTP client itself. */
    private static final Set<String> NOT_PASSED_ON = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "host", "content-length", "expect");

    private final HttpServer server;
    private final ExecutorService workers;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    private final List<URI> instances;
    private final AtomicInteger turn = new AtomicInteger();

    private IntakeFront(HttpServer server, ExecutorService workers, List<URI> instances) {
        this.server = server;
        this.workers = workers;
        this.instances = List.copyOf(instances);
    }

    /** Listens on {@code bindAddress:port} for the instances at {@code instances} ({@code http://host:port}). */
    static IntakeFront start(String bindAddress, int port, List<URI> instances) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 128);
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS, runnable -> {
            Thread thread = new Thread(runnable, "intake-front");
            thread.setDaemon(true);
            return thread;
        });
        IntakeFront front = new IntakeFront(server, workers, instances);
        server.createContext("/", front::handle);
        server.setExecutor(workers);
        server.start();
        return front;
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                answer(exchange, 413, "The request body is larger than the front takes (1 MiB).");
                return;
            }
            for (int instance : order(exchange)) {
                try {
                    HttpResponse<byte[]> answer = http.send(forwarded(exchange, body, instances.get(instance)),
                            HttpResponse.BodyHandlers.ofByteArray());
                    relay(exchange, answer, instance);
                    return;
                } catch (ConnectException | HttpConnectTimeoutException notTaken) {
                    // This instance never saw the request: the next one may take it.
                } catch (HttpTimeoutException slow) {
                    answer(exchange, 504, "Intake instance " + (instance + 1) + " did not answer within "
                            + REQUEST_TIMEOUT.toSeconds() + " s.");
                    return;
                } catch (IOException lost) {
                    answer(exchange, 502, "Intake instance " + (instance + 1) + " took the request but gave no"
                            + " answer (" + lost + "); it may or may not have acted on it.");
                    return;
                }
            }
            answer(exchange, 503, "No intake instance accepts connections.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    /** The instances to try, in order: the client's own first when it has one, else the next in turn. */
    private List<Integer> order(HttpExchange exchange) {
        int first = stickyInstance(exchange).orElseGet(() -> Math.floorMod(turn.getAndIncrement(), instances.size()));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            order.add((first + i) % instances.size());
        }
        return order;
    }

    private Optional<Integer> stickyInstance(HttpExchange exchange) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String cookie : header.split(";")) {
                String[] nameAndValue = cookie.strip().split("=", 2);
                if (nameAndValue.length == 2 && nameAndValue[0].equals(INSTANCE_COOKIE)) {
                    try {
                        int number = Integer.parseInt(nameAndValue[1].strip());
                        if (number >= 1 && number <= instances.size()) {
                            return Optional.of(number - 1);
                        }
                    } catch (NumberFormatException notOurs) {
                        // ignored: the next in turn
                    }
                }
            }
        }
        return Optional.empty();
    }

    private HttpRequest forwarded(HttpExchange exchange, byte[] body, URI instance) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(instance + exchange.getRequestURI().toString()))
                .timeout(REQUEST_TIMEOUT)
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!NOT_PASSED_ON.contains(lower) && !lower.startsWith("x-forwarded-")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        URI asAsked = addressAsked(exchange);
        return request
                .header("X-Forwarded-For", exchange.getRemoteAddress().getAddress().getHostAddress())
                .header("X-Forwarded-Proto", "http")
                .header("X-Forwarded-Host", asAsked.getHost())
                .header("X-Forwarded-Port", String.valueOf(asAsked.getPort() > 0 ? asAsked.getPort() : port()))
                .build();
    }

    /** The address the client used, from its Host header; the front's own when it sent none or nonsense. */
    private URI addressAsked(HttpExchange exchange) {
        URI own = URI.create("http://" + server.getAddress().getHostString() + ":" + port());
        String host = exchange.getRequestHeaders().getFirst("Host");
        try {
            URI asked = host == null ? own : new URI("http://" + host);
            return asked.getHost() == null ? own : asked;
        } catch (URISyntaxException nonsense) {
            return own;
        }
    }

    private static void relay(HttpExchange exchange, HttpResponse<byte[]> answer, int instance) throws IOException {
        answer.headers().map().forEach((name, values) -> {
            if (!NOT_PASSED_ON.contains(name.toLowerCase(Locale.ROOT))) {
                exchange.getResponseHeaders().put(name, new ArrayList<>(values));
            }
        });
        if (!answer.headers().allValues("Set-Cookie").isEmpty()) {
            exchange.getResponseHeaders().add("Set-Cookie", INSTANCE_COOKIE + "=" + (instance + 1)
                    + "; Path=/; HttpOnly; SameSite=Lax");
        }
        send(exchange, answer.statusCode(), answer.body());
    }

    /** The front's own answer, a problem document (RFC 9457) as the services give. */
    private static void answer(HttpExchange exchange, int status, String detail) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        send(exchange, status, JSON.writeValueAsBytes(JSON.createObjectNode().put("status", status)
                .put("title", "Intake front").put("detail", detail)));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean noBody = body.length == 0 || exchange.getRequestMethod().equals("HEAD") || status == 204
                || status == 304;
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            exchange.getResponseBody().write(body);
        }
    }

    /** Stops taking requests, lets those in flight finish for a second, then stops. */
    @Override
    public void close() {
        server.stop(1);
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
