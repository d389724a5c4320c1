package health.backline.local;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Everything the launcher can be told, read once at start.
 *
 * <p>Each setting has an environment variable name ({@code BACKLINE_KAFKA_PORT}) and the matching system
 * property ({@code -Dbackline.kafka.port=...}, lower case, dots for underscores). The command line wins over
 * a system property, which wins over the environment, which wins over the default.
 */
public record LocalSettings(
        Path dataDirectory,
        boolean fresh,
        boolean startServices,
        boolean cluster,
        int postgresPort,
        int kafkaPort,
        int kafkaControllerPort,
        Map<String, Integer> servicePorts,
        Map<String, String> serviceHeaps,
        Duration startupTimeout,
        Optional<Path> servicesDirectory,
        String bindAddress,
        boolean status,
        boolean help) {

    public static final String DATA_DIR = "BACKLINE_DATA_DIR";
    public static final String POSTGRES_PORT = "BACKLINE_POSTGRES_PORT";
    public static final String KAFKA_PORT = "BACKLINE_KAFKA_PORT";
    public static final String KAFKA_CONTROLLER_PORT = "BACKLINE_KAFKA_CONTROLLER_PORT";
    public static final String STARTUP_TIMEOUT = "BACKLINE_STARTUP_TIMEOUT";
    public static final String SERVICES_DIR = "BACKLINE_SERVICES_DIR";
    public static final String BIND_ADDRESS = "BACKLINE_BIND_ADDRESS";

    public static final String DEFAULT_DATA_DIR = ".backline";
    public static final int DEFAULT_POSTGRES_PORT = 15432;
    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_KAFKA_CONTROLLER_PORT = 9093;
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(180);

    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]?");
    private static final int MAX_PORT = 65535;

    /** A setting or argument the launcher cannot use; the message says which and why. */
    public static final class InvalidSettingException extends RuntimeException {
        public InvalidSettingException(String message) {
            super(message);
        }
    }

    public LocalSettings {
        servicePorts = Collections.unmodifiableMap(new LinkedHashMap<>(servicePorts));
        serviceHeaps = Collections.unmodifiableMap(new LinkedHashMap<>(serviceHeaps));
    }

    public int portOf(ServiceCatalog.Service service) {
        return servicePorts.get(service.name());
    }

    /** The JVMs of a service: one on its port; in the cluster profile two, on ports of their own. */
    List<ServiceInstance> instancesOf(ServiceCatalog.Service service) {
        return cluster ? ClusterProfile.instancesOf(service, portOf(service))
                : List.of(new ServiceInstance(service, ServiceInstance.ALONE, portOf(service)));
    }

    /** The cluster profile's Kafka nodes; none without it. */
    List<KafkaNodeAddress> kafkaNodes() {
        return cluster ? ClusterProfile.nodes(kafkaPort, kafkaControllerPort) : List.of();
    }

    /** Where users reach a service: its port; in the cluster, intake's front there and the others' first instance. */
    int entryPortOf(ServiceCatalog.Service service) {
        return cluster && !service.equals(ServiceCatalog.INTAKE) ? instancesOf(service).get(0).port() : portOf(service);
    }

    public String heapOf(ServiceCatalog.Service service) {
        return serviceHeaps.get(service.name());
    }

    public Path logDirectory() {
        return dataDirectory.resolve("logs");
    }

    /** Where the services, Kafka and PostgreSQL are reached from this machine. */
    public String host() {
        return BindAddress.reachableHost(bindAddress);
    }

    /** Whether {@code BACKLINE_BIND_ADDRESS} opens Backline to other machines (it warns when it does). */
    public boolean reachableFromOtherMachines() {
        return !BindAddress.isLoopback(bindAddress);
    }

    /** Reads the settings of this JVM: its arguments, system properties and environment. */
    public static LocalSettings fromCommandLine(String[] args) {
        return parse(List.of(args), System.getenv(), System.getProperties());
    }

    public static LocalSettings parse(List<String> args, Map<String, String> environment, Properties systemProperties) {
        Sources sources = new Sources(environment, systemProperties);
        String dataDir = null;
        boolean fresh = false;
        boolean startServices = true;
        boolean cluster = false;
        boolean help = false;
        boolean status = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--fresh")) {
                fresh = true;
            } else if (arg.equals("--no-services")) {
                startServices = false;
            } else if (arg.equals("--cluster")) {
                cluster = true;
            } else if (arg.equals("status") || arg.equals("--status")) {
                status = true;
            } else if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (arg.equals("--data-dir")) {
                if (i + 1 >= args.size() || args.get(i + 1).isBlank()) {
                    throw new InvalidSettingException("--data-dir needs a directory, e.g. --data-dir .backline");
                }
                dataDir = args.get(++i);
            } else if (arg.startsWith("--data-dir=")) {
                dataDir = arg.substring("--data-dir=".length());
                if (dataDir.isBlank()) {
                    throw new InvalidSettingException("--data-dir needs a directory, e.g. --data-dir .backline");
                }
            } else {
                throw new InvalidSettingException("Unknown argument '" + arg + "' (--help lists the arguments)");
            }
        }
        if (dataDir == null) {
            dataDir = sources.get(DATA_DIR).orElse(DEFAULT_DATA_DIR);
        }

        Map<String, Integer> servicePorts = new LinkedHashMap<>();
        Map<String, String> serviceHeaps = new LinkedHashMap<>();
        for (ServiceCatalog.Service service : ServiceCatalog.ALL) {
            servicePorts.put(service.name(), sources.port(service.portVariable(), service.defaultPort()));
            serviceHeaps.put(service.name(), sources.heap(service.heapVariable(), service.defaultHeap()));
        }

        LocalSettings settings = new LocalSettings(
                Path.of(dataDir).toAbsolutePath().normalize(),
                fresh,
                startServices,
                cluster,
                sources.port(POSTGRES_PORT, DEFAULT_POSTGRES_PORT),
                sources.port(KAFKA_PORT, DEFAULT_KAFKA_PORT),
                sources.port(KAFKA_CONTROLLER_PORT, DEFAULT_KAFKA_CONTROLLER_PORT),
                servicePorts,
                serviceHeaps,
                sources.duration(STARTUP_TIMEOUT, DEFAULT_STARTUP_TIMEOUT),
                sources.get(SERVICES_DIR).map(dir -> Path.of(dir).toAbsolutePath().normalize()),
                sources.bindAddress(BIND_ADDRESS),
                status,
                help);
        settings.requireDistinctPorts();
        return settings;
    }

    /** Every port the launcher may use, with what it is for and the variable that changes it. */
    public List<PortCheck.PortUse> portUses(List<ServiceCatalog.Service> services) {
        List<PortCheck.PortUse> uses = new ArrayList<>();
        uses.add(new PortCheck.PortUse(postgresPort, "PostgreSQL", POSTGRES_PORT));
        if (cluster) {
            for (KafkaNodeAddress node : kafkaNodes()) {
                uses.add(new PortCheck.PortUse(node.port(), "Kafka node " + node.id(), KAFKA_PORT));
                uses.add(new PortCheck.PortUse(node.controllerPort(), "Kafka controller " + node.id(), KAFKA_CONTROLLER_PORT));
            }
        } else {
            uses.add(new PortCheck.PortUse(kafkaPort, "Kafka", KAFKA_PORT));
            uses.add(new PortCheck.PortUse(kafkaControllerPort, "Kafka controller", KAFKA_CONTROLLER_PORT));
        }
        for (ServiceCatalog.Service service : services) {
            if (cluster && service.equals(ServiceCatalog.INTAKE)) {
                uses.add(new PortCheck.PortUse(portOf(service), "intake front", service.portVariable()));
            }
            for (ServiceInstance instance : instancesOf(service)) {
                uses.add(new PortCheck.PortUse(instance.port(), instance.name() + " service", service.portVariable()));
            }
        }
        return uses;
    }

    private void requireDistinctPorts() {
        Map<Integer, String> seen = new LinkedHashMap<>();
        for (PortCheck.PortUse use : portUses(ServiceCatalog.ALL)) {
            if (use.port() > MAX_PORT) {
                throw new InvalidSettingException("Port " + use.port() + " (" + use.purpose() + ", from " + use.variable()
                        + ") is above " + MAX_PORT + ": choose a lower " + use.variable());
            }
            String earlier = seen.putIfAbsent(use.port(), use.purpose());
            if (earlier != null) {
                throw new InvalidSettingException("Port " + use.port() + " is set for both " + earlier + " and "
                        + use.purpose() + ": give each its own port");
            }
        }
    }

    public static String usage() {
        return """
                Usage: java -jar services/local/target/backline-local.jar [--data-dir DIR] [--fresh] [--no-services] [--cluster]
                       java -jar services/local/target/backline-local.jar status [--data-dir DIR]

                Starts PostgreSQL and Kafka, then every Backline service found beside the launcher, each in a JVM
                of its own, and prints where to go. A service that dies is restarted (after 1 s, 2 s, 4 s ... at
                most 30 s; given up on after 5 failures within 5 minutes). Ctrl-C stops everything.
                `status` shows each part of the Backline running from DIR: state, pid, port, uptime, restarts,
                memory (exit code 0 when all are up, 3 otherwise).

                  --data-dir DIR   where all data and logs live (default .backline, or BACKLINE_DATA_DIR)
                  --fresh          wipe the data directory first
                  --no-services    start PostgreSQL and Kafka only (to run services from an IDE)
                  --cluster        the production shape: three Kafka nodes (topics with 3 copies, min.insync.replicas 2),
                                   two instances of every service, intake's two behind a round-robin front on intake's
                                   port; node n's ports 10(n-1) above Kafka's, instance n's port 100n above its service's
                  --help           this text

                Settings (environment variable, or system property in lower case with dots: -Dbackline.kafka.port=9192):
                  BACKLINE_POSTGRES_PORT (15432)  BACKLINE_KAFKA_PORT (9092)  BACKLINE_KAFKA_CONTROLLER_PORT (9093)
                  BACKLINE_INTAKE_PORT (8081)  BACKLINE_TRIAGE_PORT (8082)  BACKLINE_WORKFLOW_PORT (8083)
                  BACKLINE_SCHEDULING_PORT (8084)
                  BACKLINE_<SERVICE>_HEAP (256m, workflow 384m)
                  BACKLINE_STARTUP_TIMEOUT (180, seconds or an ISO-8601 duration such as PT5M)
                  BACKLINE_SERVICES_DIR (default: the services directory beside the launcher jar)
                  BACKLINE_BIND_ADDRESS (127.0.0.1: only this machine; e.g. 0.0.0.0 opens Backline to the network)
                """;
    }

    /** Looks a setting up: system property first, then the environment. */
    private record Sources(Map<String, String> environment, Properties systemProperties) {

        Optional<String> get(String variable) {
            String property = variable.toLowerCase(Locale.ROOT).replace('_', '.');
            String value = systemProperties.getProperty(property);
            if (value == null) {
                value = environment.get(variable);
            }
            return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
        }

        int port(String variable, int defaultPort) {
            return get(variable).map(value -> {
                try {
                    int port = Integer.parseInt(value);
                    if (port >= 1 && port <= 65535) {
                        return port;
                    }
                } catch (NumberFormatException notANumber) {
                    // reported below
                }
                throw new InvalidSettingException(variable + "=" + value + " is not a port (1-65535)");
            }).orElse(defaultPort);
        }

        String heap(String variable, String defaultHeap) {
            return get(variable).map(value -> {
                if (!HEAP.matcher(value).matches()) {
                    throw new InvalidSettingException(variable + "=" + value + " is not a heap size such as 256m or 1g");
                }
                return value;
            }).orElse(defaultHeap);
        }

        String bindAddress(String variable) {
            return get(variable).map(value -> {
                try {
                    java.net.InetAddress.getByName(value);
                    return value;
                } catch (java.net.UnknownHostException | SecurityException unknown) {
                    throw new InvalidSettingException(variable + "=" + value + " is not an address of this machine"
                            + " (e.g. 127.0.0.1, or 0.0.0.0 for every interface)");
                }
            }).orElse(BindAddress.LOOPBACK);
        }

        Duration duration(String variable, Duration defaultDuration) {
            return get(variable).map(value -> {
                Duration duration;
                try {
                    duration = value.chars().allMatch(Character::isDigit)
                            ? Duration.ofSeconds(Long.parseLong(value))
                            : Duration.parse(value);
                } catch (NumberFormatException | DateTimeParseException unreadable) {
                    duration = null;
                }
                if (duration == null || duration.isNegative() || duration.isZero()) {
                    throw new InvalidSettingException(variable + "=" + value
                            + " is not a duration: give seconds (180) or ISO-8601 (PT3M)");
                }
                return duration;
            }).orElse(defaultDuration);
        }
    }
}
