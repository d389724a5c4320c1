package health.backline.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.testsupport.FreePorts;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The launcher's cluster profile as users start it, {@code java -jar services/local/target/backline-local.jar
 * --cluster}, from a data directory and on ports of its own: three Kafka nodes, two instances of every service,
 * intake's front. Its parts are found (and killed) by the pids in the launcher's status file; the launcher brings
 * back what dies.
 */
final class LauncherCluster implements AutoCloseable {

    private static final Path LAUNCHER_JAR = Path.of("..", "services", "local", "target", "backline-local.jar");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every port is this far from one base (the cluster profile adds 10 and 20 for nodes, 100 and 200 for instances). */
    private static final int POSTGRES = 2;
    private static final Map<String, Integer> SERVICES = Map.of("intake", 3, "triage", 4, "workflow", 5, "scheduling", 6);

    /** A row of the status file. */
    record Part(String name, String state, long pid, int restarts) {
    }

    private final Process launcher;
    private final Path data;
    private final Path output;
    private final int base;

    private LauncherCluster(Process launcher, Path data, Path output, int base) {
        this.launcher = launcher;
        this.data = data;
        this.output = output;
        this.base = base;
    }

    /** Starts it afresh in {@code directory} and returns once it is ready. */
    static LauncherCluster start(Path directory, Duration timeout) throws Exception {
        List<Integer> offsets = new ArrayList<>(List.of(0, 1, 10, 11, 20, 21, POSTGRES));
        SERVICES.values().forEach(offset -> offsets.addAll(List.of(offset, offset + 100, offset + 200)));
        int base = FreePorts.baseWithFree(offsets.stream().mapToInt(Integer::intValue).toArray());
        Files.createDirectories(directory);
        Path data = directory.resolve("data");
        Path output = directory.resolve("launcher.out");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                LAUNCHER_JAR.toAbsolutePath().toString(), "--cluster", "--fresh", "--data-dir", data.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("BACKLINE_KAFKA_PORT", String.valueOf(base));
        environment.put("BACKLINE_KAFKA_CONTROLLER_PORT", String.valueOf(base + 1));
        environment.put("BACKLINE_POSTGRES_PORT", String.valueOf(base + POSTGRES));
        SERVICES.forEach((service, offset) -> environment.put("BACKLINE_" + service.toUpperCase() + "_PORT",
                String.valueOf(base + offset)));
        environment.put("BACKLINE_STARTUP_TIMEOUT", String.valueOf(timeout.toSeconds()));
        LauncherCluster cluster = new LauncherCluster(builder.start(), data, output, base);
        cluster.awaitReady(timeout);
        return cluster;
    }

    private void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output().contains("Ctrl-C stops everything.")) {
            if (!launcher.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("The cluster did not start:\n" + output());
            }
            launcher.waitFor(1, TimeUnit.SECONDS);
        }
    }

    String output() throws IOException {
        return Files.exists(output) ? Files.readString(output) : "";
    }

    Path logs() {
        return data.resolve("logs");
    }

    /** Intake's front: the one address of intake. */
    String frontUrl() {
        return "http://127.0.0.1:" + (base + SERVICES.get("intake"));
    }

    /** An instance of a service, e.g. "scheduling-1". */
    String url(String instance) {
        String[] serviceAndNumber = instance.split("-");
        return "http://127.0.0.1:" + (base + SERVICES.get(serviceAndNumber[0]) + 100 * Integer.parseInt(serviceAndNumber[1]));
    }

    String kafkaBootstrap() throws IOException {
        return status().path("kafkaCluster").asText();
    }

    /** A meter of the CPU its processes spend (PostgreSQL keeps its postmaster's pid in its data directory). */
    CpuByPart cpuByPart() {
        return new CpuByPart(launcher.toHandle(), data.resolve("postgres").resolve("postmaster.pid"));
    }

    /** The services' database, as PostgreSQL's superuser (its password is in the data directory). */
    Connection database() throws IOException, SQLException {
        Properties passwords = new Properties();
        try (Reader in = Files.newBufferedReader(data.resolve("database-passwords.properties"))) {
            passwords.load(in);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + (base + POSTGRES) + "/backline", "postgres",
                passwords.getProperty("superuser"));
    }

    Part part(String name) throws IOException {
        for (JsonNode part : status().path("parts")) {
            if (part.path("name").asText().equals(name)) {
                return new Part(name, part.path("state").asText(), part.path("pid").asLong(), part.path("restarts").asInt());
            }
        }
        throw new IllegalStateException("No part " + name + " in the status file");
    }

    private JsonNode status() throws IOException {
        return JSON.readTree(data.resolve("backline.status.json").toFile());
    }

    /** kill -9 of a part; returns the pid it had. */
    long kill(String name) throws IOException {
        Part part = part(name);
        ProcessHandle.of(part.pid()).orElseThrow(() -> new IllegalStateException(name + " is not running"))
                .destroyForcibly();
        return part.pid();
    }

    /** Waits until the launcher has a new process of the part up (healthy: a node in the cluster, a service UP). */
    void awaitBack(String name, long killedPid, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Part part = part(name);
            if (part.pid() != killedPid && part.state().equals("UP")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not back within " + timeout.toSeconds() + " s: " + part);
            }
            Thread.sleep(250);
        }
    }

    /** Stops it as Ctrl-C does, and waits for everything to stop. */
    @Override
    public void close() {
        List<ProcessHandle> parts = launcher.descendants().toList();
        launcher.destroy();
        try {
            if (!launcher.waitFor(3, TimeUnit.MINUTES)) {
                parts.forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
