package health.backline.bench.reference;

import health.backline.bench.reference.PostgresInsertRate.Measured;
import health.backline.bench.reference.PostgresInsertRate.Server;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PostgreSQL's own load client running the one-row INSERT as a custom script (prepared, no vacuum). */
final class Pgbench {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");
    private static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: (\\d+)");

    private final Server server;

    Pgbench(Server server) {
        this.server = server;
    }

    static Optional<Path> onPath() {
        String path = System.getenv("PATH");
        return path == null ? Optional.empty() : Arrays.stream(path.split(File.pathSeparator))
                .map(directory -> Path.of(directory, "pgbench"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    Measured measure(int clients, Duration duration) throws IOException, InterruptedException {
        Path pgbench = onPath().orElseThrow(() -> new IOException("pgbench is not on the PATH"));
        Path script = Files.createTempFile("bench-insert", ".sql");
        try {
            Files.writeString(script, PostgresInsertRate.INSERT + ";\n");
            long seconds = Math.max(1, duration.toSeconds());
            ProcessBuilder command = new ProcessBuilder(List.of(pgbench.toString(), "-h", server.host(),
                    "-p", Integer.toString(server.port()), "-U", PostgresInsertRate.SUPERUSER, "-n", "-M", "prepared",
                    "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(clients,
                            Runtime.getRuntime().availableProcessors())),
                    "-T", Long.toString(seconds), "-f", script.toString(), PostgresInsertRate.DATABASE))
                    .redirectErrorStream(true);
            // The password through the environment, not the command line others can read.
            command.environment().put("PGPASSWORD", server.password());
            Process process = command.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IOException("pgbench failed: " + output.strip());
            }
            return new Measured("pgbench", clients, seconds, (long) numberOf(PROCESSED, output), numberOf(TPS, output));
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** The first number the pattern finds in pgbench's report. */
    static double numberOf(Pattern pattern, String output) throws IOException {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IOException("pgbench said no " + pattern.pattern() + ": " + output.strip());
        }
        return Double.parseDouble(matcher.group(1));
    }
}
