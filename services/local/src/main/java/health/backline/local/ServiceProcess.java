package health.backline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged Spring Boot service running in a JVM of its own, as in production:
 * {@code java <jvm options> -jar <jar> --server.port=<port> <args...>}, its output in a log file.
 *
 * <p>Independent of the rest of the launcher so tests can start the real service jars against their own
 * broker and database.
 */
public final class ServiceProcess implements SupervisedProcess, AutoCloseable {

    /** How long {@link #stop()} lets a service shut down gracefully before killing it. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(20);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Launch launch;
    private final ChildJvm jvm;

    private ServiceProcess(Launch launch, ChildJvm jvm) {
        this.launch = launch;
        this.jvm = jvm;
    }

    /**
     * How to start one service: its name (for messages), jar, the address and port it listens on, JVM options
     * (heap and the like), further application arguments, environment (e.g. a password, kept out of the command
     * line) and log file.
     */
    public record Launch(String name, Path jar, String address, int port, List<String> jvmOptions, List<String> args,
                         Map<String, String> environment, Path logFile) {

        public Launch {
            jvmOptions = List.copyOf(jvmOptions);
            args = List.copyOf(args);
            environment = Map.copyOf(environment);
        }

        /**
         * A Backline service as the launcher starts it: from its class data archive when the build made one (see
         * {@link ClassArchive}), with the launcher's JVM options ({@link JvmOptions}).
         */
        public static Launch of(ServiceCatalog.Service service, Path servicesDirectory, String address, int port,
                                String heap, List<String> args, Map<String, String> environment, Path logFile) {
            ClassArchive archive = ClassArchive.of(servicesDirectory, service);
            return new Launch(service.name(), archive.jarToRun(), address, port, JvmOptions.of(heap, archive), args,
                    environment, logFile);
        }

        /** The same launch under another name: an instance of a service that runs twice ("intake-2"). */
        public Launch named(String otherName) {
            return new Launch(otherName, jar, address, port, jvmOptions, args, environment, logFile);
        }

        /** The whole command line: {@code java <jvm options> -jar <jar> --server.port=<port> <args...>}. */
        List<String> command() {
            List<String> command = new ArrayList<>();
            command.add(javaExecutable());
            command.addAll(jvmOptions);
            command.add("-jar");
            command.add(jar.toAbsolutePath().toString());
            command.add("--server.address=" + address);
            command.add("--server.port=" + port);
            command.addAll(args);
            return command;
        }

        /** Where the service answers: its address, or loopback when it listens on every address. */
        String reachableHost() {
            return BindAddress.reachableHost(address);
        }
    }

    /**
     * Starts {@code jar}, named after it ({@code backline-intake.jar} is "intake").
     *
     * @param jar     an executable jar
     * @param port    passed as {@code --server.port}; {@link #awaitHealthy} asks this port
     * @param args    further application arguments, e.g. {@code --spring.kafka.bootstrap-servers=127.0.0.1:9092}
     * @param logFile receives the process's stdout and stderr; an existing one is kept as {@code <file>.1}
     * @param heap    maximum heap, e.g. {@code 256m}
     */
    public static ServiceProcess start(Path jar, int port, List<String> args, Path logFile, String heap) throws IOException {
        return start(nameOf(jar), jar, port, args, logFile, heap);
    }

    /** As {@link #start(Path, int, List, Path, String)}, with a name of your choosing for messages. */
    public static ServiceProcess start(String name, Path jar, int port, List<String> args, Path logFile, String heap)
            throws IOException {
        return start(new Launch(name, jar, BindAddress.LOOPBACK, port, List.of("-Xmx" + heap), args, Map.of(), logFile));
    }

    /** Starts a service afresh: an existing log is kept as {@code <file>.1}. */
    public static ServiceProcess start(Launch launch) throws IOException {
        requireJar(launch);
        return new ServiceProcess(launch, ChildJvm.start(launch.command(), launch.environment(), launch.logFile()));
    }

    /** Starts the same service again after it ended: the log goes on in the same file, after a line saying why. */
    @Override
    public ServiceProcess restart(String reason) throws IOException {
        requireJar(launch);
        return new ServiceProcess(launch, jvm.restart(reason));
    }

    private static void requireJar(Launch launch) throws IOException {
        if (!Files.isRegularFile(launch.jar())) {
            throw new IOException("No service jar at " + launch.jar().toAbsolutePath());
        }
    }

    /** "intake" for {@code backline-intake.jar}, "x" for {@code x.jar}. */
    static String nameOf(Path jar) {
        String file = jar.getFileName().toString();
        String base = file.endsWith(".jar") ? file.substring(0, file.length() - 4) : file;
        return base.startsWith("backline-") ? base.substring("backline-".length()) : base;
    }

    /** The {@code java} of the JVM running this code, so every service runs on the same Java. */
    static String javaExecutable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", ChildJvm.isWindows() ? "java.exe" : "java");
        if (Files.isExecutable(java)) {
            return java.toString();
        }
        return ProcessHandle.current().info().command().orElse("java");
    }

    @Override
    public String name() {
        return launch.name();
    }

    @Override
    public int port() {
        return launch.port();
    }

    public Path jar() {
        return launch.jar();
    }

    @Override
    public Path logFile() {
        return jvm.logFile();
    }

    public List<String> command() {
        return jvm.command();
    }

    @Override
    public long pid() {
        return jvm.process().pid();
    }

    @Override
    public boolean isAlive() {
        return jvm.process().isAlive();
    }

    @Override
    public Process process() {
        return jvm.process();
    }

    /** Its jar's name, which its command line contains. */
    @Override
    public String commandHint() {
        return launch.jar().getFileName().toString();
    }

    public URI healthUri() {
        return URI.create("http://" + launch.reachableHost() + ":" + port() + "/actuator/health");
    }

    /**
     * Waits until {@code GET /actuator/health} answers 200 with {@code "status":"UP"}.
     *
     * @return the time from start to healthy
     * @throws ServiceFailedException if the process ends first or the timeout passes; it carries the log's tail
     */
    @Override
    public Duration awaitHealthy(Duration timeout) throws ServiceFailedException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(REQUEST_TIMEOUT)
                .build();
        HttpRequest request = HttpRequest.newBuilder(healthUri()).timeout(REQUEST_TIMEOUT).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!isAlive()) {
                throw failure("exited with code " + process().exitValue() + " before it was healthy");
            }
            if (isUp(client, request)) {
                return jvm.age();
            }
            if (System.nanoTime() > deadline) {
                throw failure("was not healthy within " + timeout.toSeconds() + " s");
            }
            // Wakes at once if the process ends.
            process().waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static boolean isUp(HttpClient client, HttpRequest request) throws InterruptedException {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return false;
            }
            JsonNode body = JSON.readTree(response.body());
            return "UP".equals(body.path("status").asText());
        } catch (IOException notYet) {
            return false;
        }
    }

    private ServiceFailedException failure(String what) {
        return new ServiceFailedException(name(), name() + " " + what + " (log: " + logFile() + ")", logTail(30));
    }

    /** Stops the service gracefully, waiting up to {@link #DEFAULT_STOP_GRACE} before killing it. */
    @Override
    public void stop() {
        stop(DEFAULT_STOP_GRACE);
    }

    /**
     * Asks the process (and any process it started) to stop, waits up to {@code grace}, then kills whatever is
     * left. Returns when all of them are gone.
     */
    public void stop(Duration grace) {
        jvm.stop(grace);
    }

    /** Same as {@link #stop()}, for try-with-resources. */
    @Override
    public void close() {
        stop();
    }

    /** The last {@code lines} lines of the log file (fewer if it is shorter). */
    public List<String> logTail(int lines) {
        return jvm.logTail(lines);
    }

    @Override
    public String toString() {
        return name() + " (pid " + pid() + ", port " + port() + ")";
    }
}
