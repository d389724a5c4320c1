package health.backline.bench;

import health.backline.bench.api.Credentials;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Everything the bench can be told on its command line; see {@link #usage()}. */
public record BenchOptions(
        double rate,
        Duration duration,
        boolean findMax,
        double startRate,
        double rateStep,
        double rateFactor,
        Duration stepDuration,
        int maxSteps,
        boolean erProbe,
        double erRate,
        boolean replay,
        int replayDecisions,
        int replayRuns,
        Duration drainTimeout,
        Duration pollInterval,
        int pollConcurrency,
        double readBudget,
        double slotMargin,
        int slotConcurrency,
        boolean references,
        Duration referenceDuration,
        int postgresClients,
        String insertMethod,
        int camundaThreads,
        Optional<Path> json,
        String host,
        Optional<Integer> intakePort,
        Optional<Integer> schedulingPort,
        Optional<Integer> triagePort,
        Optional<Integer> kafkaPort,
        Optional<Integer> postgresPort,
        Credentials frontDesk,
        Credentials scheduler,
        Credentials lead,
        Path dataDirectory,
        boolean help) {

    private static final Set<String> FLAGS = Set.of("--find-max", "--er-probe", "--replay", "--references", "--no-references",
            "--help", "-h");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    /** A command line the bench cannot use; the message says why. */
    public static final class InvalidOptionException extends RuntimeException {
        InvalidOptionException(String message) {
            super(message);
        }
    }

    public static BenchOptions parse(List<String> args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (FLAGS.contains(arg)) {
                values.put(arg, "true");
            } else if (arg.startsWith("--") && arg.contains("=")) {
                values.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else if (arg.startsWith("--") && i + 1 < args.size()) {
                values.put(arg, args.get(++i));
            } else {
                throw new InvalidOptionException("Unknown or incomplete argument '" + arg + "' (--help lists them)");
            }
        }
        Reader read = new Reader(values);
        BenchOptions options = new BenchOptions(
                read.positive("--rate", 20),
                read.duration("--duration", Duration.ofSeconds(60)),
                read.flag("--find-max"),
                read.positive("--start-rate", 20),
                read.positive("--rate-step", 20),
                read.number("--rate-factor", 0),
                read.duration("--step-duration", Duration.ofSeconds(30)),
                (int) read.positive("--max-steps", 10),
                read.flag("--er-probe"),
                read.positive("--er-rate", 1),
                read.flag("--replay"),
                (int) read.positive("--replay-decisions", 10_000),
                (int) read.positive("--replay-runs", 5),
                read.duration("--drain-timeout", Duration.ofSeconds(120)),
                read.duration("--poll-interval", Duration.ofSeconds(2)),
                (int) read.positive("--poll-concurrency", 8),
                read.positive("--read-budget", 1),
                read.positive("--slot-margin", 1.25),
                (int) read.positive("--slot-concurrency", 8),
                !read.flag("--no-references"),
                read.duration("--reference-duration", Duration.ofSeconds(10)),
                (int) read.positive("--pg-clients", 8),
                read.oneOf("--insert-method", "auto", "pgbench", "jdbc"),
                (int) read.positive("--camunda-threads", 2),
                read.optional("--json").map(Path::of),
                read.text("--host", "127.0.0.1"),
                read.port("--intake-port"),
                read.port("--scheduling-port"),
                read.port("--triage-port"),
                read.port("--kafka-port"),
                read.port("--postgres-port"),
                Credentials.parse(read.text("--frontdesk", "frontdesk:frontdesk")),
                Credentials.parse(read.text("--scheduler", "scheduler:scheduler")),
                Credentials.parse(read.text("--lead", "lead:lead")),
                Path.of(read.text("--data-dir", ".backline")),
                read.flag("--help") || read.flag("-h"));
        read.refuseUnknown();
        if (options.rateFactor != 0 && options.rateFactor <= 1) {
            throw new InvalidOptionException("--rate-factor must be above 1 (or leave it out to add --rate-step)");
        }
        if ((options.findMax ? 1 : 0) + (options.erProbe ? 1 : 0) + (options.replay ? 1 : 0) > 1) {
            throw new InvalidOptionException("--find-max, --er-probe and --replay are separate runs: choose one");
        }
        return options;
    }

    /** "60s", "2m", "500ms", "1.5h", plain seconds ("30") or ISO-8601 ("PT1M"). */
    static Duration parseDuration(String text) {
        Matcher matcher = DURATION.matcher(text.strip());
        if (matcher.matches()) {
            double amount = Double.parseDouble(matcher.group(1));
            String unit = matcher.group(2) == null ? "s" : matcher.group(2);
            double millis = switch (unit) {
                case "ms" -> amount;
                case "m" -> amount * 60_000;
                case "h" -> amount * 3_600_000;
                default -> amount * 1000;
            };
            return Duration.ofNanos(Math.round(millis * 1_000_000));
        }
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidOptionException("'" + text + "' is not a duration (e.g. 60s, 2m, 500ms, PT1M)");
        }
    }

    public static String usage() {
        return """
                Usage: java -jar bench/target/backline-bench.jar [options]

                Runs referrals through a Backline that is already running (the embedded default: README,
                "Two commands"), through the public API only, and prints throughput, latencies from each
                referral's own timeline, Kafka records per referral, CPU and memory of every part.

                What to run (one of):
                  (default)              open loop at --rate for --duration
                  --find-max             steps of rising rate until one stage falls behind
                  --er-probe             ER handoff under load: routine mix at --rate plus ER referrals at --er-rate
                  --replay               rule replay: at least --replay-decisions triaged (submitted at --rate when
                                         fewer), then --replay-runs replays of all of them with the live table

                  --rate N               referrals per second (default 20)
                  --duration D           e.g. 60s, 2m (default 60s)
                  --start-rate N         find-max: first step (default 20)
                  --rate-step N          find-max: added per step (default 20)
                  --rate-factor F        find-max: multiply instead (e.g. 1.5; default: add --rate-step)
                  --step-duration D      find-max: each step (default 30s)
                  --max-steps N          find-max: at most (default 10)
                  --er-rate N            er-probe: ER referrals per second (default 1)
                  --replay-decisions N   replay: decisions triage must hold first (default 10000)
                  --replay-runs N        replay: how many replays to time (default 5)
                  --drain-timeout D      after the load, how long to wait for referrals to settle (default 120s)
                  --poll-interval D      read each open referral at most this often (default 2s)
                  --poll-concurrency N   referral reads in flight at once (default 8)
                  --read-budget F        referral reads per second at most, as a multiple of the offered rate
                                         (default 1: about one read per referral; never below 5/s)
                  --slot-margin F        slots added per planned referral of a pathway (default 1.25)
                  --slot-concurrency N   slot additions in flight at once (default 8)
                  --no-references        skip the reference figures (PostgreSQL INSERT rate, raw Camunda engine)
                  --reference-duration D each reference measurement (default 10s)
                  --pg-clients N         INSERT reference: client connections (default 8)
                  --insert-method M      auto (pgbench when on PATH, else JDBC), pgbench or jdbc (default auto)
                  --camunda-threads N    engine reference: threads driving instances (default 2)
                  --json FILE            also write every figure as JSON

                Where Backline is (ports default to the launcher's status file in the data directory, else the
                contract's defaults 8081, 8084, 8082, 9092, 15432):
                  --data-dir DIR         the launcher's data directory (default .backline): pids, ports, passwords
                  --host H               (default 127.0.0.1)
                  --intake-port P  --scheduling-port P  --triage-port P  --kafka-port P  --postgres-port P
                  --frontdesk U:P        (default frontdesk:frontdesk)
                  --scheduler U:P        (default scheduler:scheduler)
                  --lead U:P             replay: a clinical lead (default lead:lead)
                """;
    }

    /** Reads typed values from the parsed arguments, remembering which it used. */
    private static final class Reader {
        private final Map<String, String> values;
        private final Set<String> used = new HashSet<>();

        Reader(Map<String, String> values) {
            this.values = values;
        }

        Optional<String> optional(String name) {
            used.add(name);
            return Optional.ofNullable(values.get(name));
        }

        String text(String name, String fallback) {
            return optional(name).orElse(fallback);
        }

        boolean flag(String name) {
            return optional(name).isPresent();
        }

        double number(String name, double fallback) {
            return optional(name).map(value -> {
                try {
                    return Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw new InvalidOptionException(name + " " + value + " is not a number");
                }
            }).orElse(fallback);
        }

        double positive(String name, double fallback) {
            double value = number(name, fallback);
            if (!(value > 0)) {
                throw new InvalidOptionException(name + " must be above 0");
            }
            return value;
        }

        Duration duration(String name, Duration fallback) {
            Duration value = optional(name).map(BenchOptions::parseDuration).orElse(fallback);
            if (value.isNegative() || value.isZero()) {
                throw new InvalidOptionException(name + " must be longer than 0");
            }
            return value;
        }

        Optional<Integer> port(String name) {
            return optional(name).map(value -> {
                int port = (int) number(name, 0);
                if (port < 1 || port > 65535) {
                    throw new InvalidOptionException(name + " " + value + " is not a port");
                }
                return port;
            });
        }

        String oneOf(String name, String fallback, String... others) {
            String value = text(name, fallback);
            if (!value.equals(fallback) && !List.of(others).contains(value)) {
                throw new InvalidOptionException(name + " must be one of " + fallback + ", " + String.join(", ", others));
            }
            return value;
        }

        void refuseUnknown() {
            values.keySet().stream().filter(name -> !used.contains(name)).findFirst().ifPresent(name -> {
                throw new InvalidOptionException("Unknown option " + name + " (--help lists them)");
            });
        }
    }
}
