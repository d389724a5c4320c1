package health.backline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One packaged Spring Boot service running in a JVM of its own, as in production:
 * {@code java <jvm options> -jar <jar> --server.port=<port> <args...>}, its output in a log file.
 *
 * <p>Independent of the rest of the launcher so tests can start the real service jars against their own
 * broker and database.
 */
public final class ServiceProcess implements AutoCloseable {

    /** How long {@link #stop()} lets a service shut down gracefully before killing it. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(20);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Launch launch;
    private final List<String> command;
    private final Process process;
    private final long startedNanos;

    private ServiceProcess(Launch launch, List<String> command, Process process, long startedNanos) {
        this.launch = launch;
        this.command = command;
        this.process = process;
        this.startedNanos = startedNanos;
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
        Path log = prepareLog(launch);
        if (Files.exists(log)) {
            Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
        return run(launch, Redirect.to(log.toFile()));
    }

    /** Starts the same service again after it ended: the log goes on in the same file, after a line saying why. */
    public ServiceProcess restart(String reason) throws IOException {
        Path log = prepareLog(launch);
        Files.writeString(log, System.lineSeparator() + "=== " + reason + " ===" + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return run(launch, Redirect.appendTo(log.toFile()));
    }

    private static Path prepareLog(Launch launch) throws IOException {
        if (!Files.isRegularFile(launch.jar())) {
            throw new IOException("No service jar at " + launch.jar().toAbsolutePath());
        }
        Path log = launch.logFile().toAbsolutePath();
        Files.createDirectories(log.getParent());
        return log;
    }

    private static ServiceProcess run(Launch launch, Redirect output) throws IOException {
        List<String> command = launch.command();
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output)
                .redirectInput(Redirect.from(nullFile()));
        builder.environment().putAll(launch.environment());
        Process process = builder.start();
        return new ServiceProcess(launch, List.copyOf(command), process, System.nanoTime());
    }

    /** "intake" for {@code backline-intake.jar}, "x" for {@code x.jar}. */
    static String nameOf(Path jar) {
        String file = jar.getFileName().toString();
        String base = file.endsWith(".jar") ? file.substring(0, file.length() - 4) : file;
        return base.startsWith("backline-") ? base.substring("backline-".length()) : base;
    }

    /** The {@code java} of the JVM running this code, so every service runs on the same Java. */
    static String javaExecutable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
        if (Files.isExecutable(java)) {
            return java.toString();
        }
        return ProcessHandle.current().info().command().orElse("java");
    }

    public String name() {
        return launch.name();
    }

    public int port() {
        return launch.port();
    }

    public Path jar() {
        return launch.jar();
    }

    public Path logFile() {
        return launch.logFile().toAbsolutePath();
    }

    public List<String> command() {
        return command;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Process process() {
        return process;
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
    public Duration awaitHealthy(Duration timeout) throws ServiceFailedException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(REQUEST_TIMEOUT)
                .build();
        HttpRequest request = HttpRequest.newBuilder(healthUri()).timeout(REQUEST_TIMEOUT).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw failure("exited with code " + process.exitValue() + " before it was healthy");
            }
            if (isUp(client, request)) {
                return Duration.ofNanos(System.nanoTime() - startedNanos);
            }
            if (System.nanoTime() > deadline) {
                throw failure("was not healthy within " + timeout.toSeconds() + " s");
            }
            // Wakes at once if the process ends.
            process.waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
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
    public void stop() {
        stop(DEFAULT_STOP_GRACE);
    }

    /**
     * Asks the process (and any process it started) to stop, waits up to {@code grace}, then kills whatever is
     * left. Returns when all of them are gone.
     */
    public void stop(Duration grace) {
        // Taken first: once the service ends, its children are no longer its descendants.
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        awaitExit(process.onExit(), deadline);
        descendants.forEach(child -> awaitExit(child.onExit(), deadline));
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        awaitExit(process.onExit(), System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
        descendants.forEach(child -> awaitExit(child.onExit(), System.nanoTime() + TimeUnit.SECONDS.toNanos(5)));
    }

    /**
     * Waits for an exit until the deadline. For the service itself this is {@link Process#onExit()}, which ends
     * only once {@link Process#isAlive()} says false too: its handle's future may end a moment before that.
     */
    private static void awaitExit(CompletableFuture<?> exit, long deadlineNanos) {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0 || exit.isDone()) {
            return;
        }
        try {
            exit.get(remaining, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception stillRunning) {
            // the caller kills it
        }
    }

    /** Same as {@link #stop()}, for try-with-resources. */
    @Override
    public void close() {
        stop();
    }

    /** The last {@code lines} lines of the log file (fewer if it is shorter). */
    public List<String> logTail(int lines) {
        return tail(logFile(), lines);
    }

    static List<String> tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int chunk = (int) Math.min(length, 64 * 1024);
            byte[] bytes = new byte[chunk];
            in.seek(length - chunk);
            in.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
            return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException unreadable) {
            return List.of("(could not read " + file + ": " + unreadable.getMessage() + ")");
        }
    }

    private static java.io.File nullFile() {
        return new java.io.File(isWindows() ? "NUL" : "/dev/null");
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    }

    @Override
    public String toString() {
        return name() + " (pid " + process.pid() + ", port " + port() + ")";
    }
}
