package health.backline.endtoend;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.testsupport.FreePorts;
import health.backline.local.LocalPostgres;
import health.backline.local.ServiceCatalog;
import health.backline.local.ServiceProcess;
import health.backline.testsupport.Infrastructure;
import health.backline.testsupport.RealInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The packaged services, each in a JVM of its own exactly as users run them, over the test
 * support's real broker and database; and an HTTP client that speaks to them as the contract's users.
 */
final class RunningBackline implements AutoCloseable {

    /**
     * The service jars as the launcher's build lays them out, with their class data archives (services/local is
     * built before this module), so the services start as users start them.
     */
    private static final Path SERVICE_JARS = Path.of("..", "services", "local", "target", "services");
    private static final Path LOGS = Path.of("target", "end-to-end-logs");
    private static final String RUNTIME_PASSWORD = "runtime-role-of-the-end-to-end-tests";

    private final Map<String, ServiceProcess> services;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper objectMapper = new ObjectMapper();

    private RunningBackline(Map<String, ServiceProcess> services) {
        this.services = services;
    }

    private static RunningBackline shared;

    /** All four services, started once for every end-to-end and browser test of this JVM. */
    static synchronized RunningBackline shared() throws Exception {
        if (shared == null) {
            shared = start("intake", "triage", "workflow", "scheduling");
            RealInfrastructure.stopBeforeInfrastructure(shared);
        }
        return shared;
    }

    /** The root address of a service, for a browser. */
    String url(String service, String path) {
        return "http://127.0.0.1:" + services.get(service).port() + path;
    }

    static RunningBackline start(String... names) throws Exception {
        return startInstance("", names);
    }

    /**
     * Another instance of each named service on ports of its own (logs named {@code <service><suffix>.log}),
     * over the same broker and database: scaled out, as a deployment runs several.
     */
    static RunningBackline startInstance(String suffix, String... names) throws Exception {
        Infrastructure infrastructure = RealInfrastructure.get();
        return startWith(connections(infrastructure.kafkaBootstrapServers(), infrastructure.databaseName()), suffix, names);
    }

    /**
     * The settings that connect a service to this broker and to this database of the test support's server. As on
     * the embedded default (ADR 13), Flyway migrates as the owner, here the server's superuser, and each service runs
     * as its own runtime role ({@link #startWith} adds it).
     */
    static List<String> connections(String kafkaBootstrapServers, String databaseName) {
        Infrastructure infrastructure = RealInfrastructure.get();
        return List.of(
                "--spring.kafka.bootstrap-servers=" + kafkaBootstrapServers,
                "--backline.db.host=" + infrastructure.databaseHost(),
                "--backline.db.port=" + infrastructure.databasePort(),
                "--backline.db.name=" + databaseName,
                "--backline.db.owner=" + infrastructure.databaseUser(),
                "--backline.security.embedded-default=true");
    }

    /** The named services with these settings (connections and any others), logs named {@code <service><suffix>.log}. */
    static RunningBackline startWith(List<String> settings, String suffix, String... names) throws Exception {
        Infrastructure infrastructure = RealInfrastructure.get();
        Map<String, ServiceProcess> services = new java.util.LinkedHashMap<>();
        // Chosen together: ports probed one at a time can come back the same before any service binds one.
        int[] ports = FreePorts.take(names.length);
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            ServiceCatalog.Service service = ServiceCatalog.named(name).orElseThrow();
            List<String> arguments = new ArrayList<>(settings);
            arguments.add("--backline.db.user=" + ensureRuntimeRole(service));
            Map<String, String> passwords = Map.of("BACKLINE_DB_PASSWORD", RUNTIME_PASSWORD,
                    "BACKLINE_DB_OWNER_PASSWORD", infrastructure.databasePassword());
            services.put(name, ServiceProcess.start(ServiceProcess.Launch.of(service, SERVICE_JARS, "127.0.0.1",
                    ports[i], service.defaultHeap(), arguments, passwords, LOGS.resolve(name + suffix + ".log"))));
        }
        RunningBackline backline = new RunningBackline(services);
        try {
            for (ServiceProcess service : services.values()) {
                service.awaitHealthy(Duration.ofSeconds(180));
            }
        } catch (Exception e) {
            backline.close();
            throw e;
        }
        return backline;
    }

    /** The service's runtime role on the test support's server, made when missing; its name. */
    private static String ensureRuntimeRole(ServiceCatalog.Service service) throws SQLException {
        Infrastructure infrastructure = RealInfrastructure.get();
        try (Connection superuser = DriverManager.getConnection(infrastructure.jdbcUrl(), infrastructure.databaseUser(),
                infrastructure.databasePassword())) {
            LocalPostgres.ensureLoginRole(superuser, service.databaseRole(), RUNTIME_PASSWORD);
        }
        return service.databaseRole();
    }

    Response post(String service, String path, String user, String json, Map<String, String> headers) {
        HttpRequest.Builder request = request(service, path, user)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return send(request.build());
    }

    /** The id of the referral's open task with this BPMN key, as the user's task API lists it, once it is there. */
    String awaitTask(String user, String referral, String key) {
        JsonNode tasks = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> get("workflow", "/api/tasks?referralId=" + referral, user).body(),
                        open -> open != null && open.findValuesAsText("key").contains(key));
        for (JsonNode task : tasks) {
            if (task.get("key").asText().equals(key)) {
                return task.get("id").asText();
            }
        }
        throw new IllegalStateException(key + " vanished");
    }

    Response get(String service, String path, String user) {
        return send(request(service, path, user).GET().build());
    }

    private HttpRequest.Builder request(String service, String path, String user) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + services.get(service).port() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + credentials);
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? null : objectMapper.readTree(response.body());
            return new Response(response.statusCode(), body, response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** kill -9 of one service, then the same service started again on its port; returns once it is healthy. */
    Duration killAndRestart(String name) throws Exception {
        ServiceProcess killed = services.get(name);
        killed.process().destroyForcibly().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        long started = System.nanoTime();
        ServiceProcess again = killed.restart("killed with SIGKILL by the fault test");
        services.put(name, again);
        again.awaitHealthy(Duration.ofSeconds(180));
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Override
    public void close() {
        List<ServiceProcess> reversed = new ArrayList<>(services.values());
        java.util.Collections.reverse(reversed);
        reversed.forEach(ServiceProcess::stop);
    }

    record Response(int status, JsonNode body, String location) {
    }
}
