package health.backline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import health.backline.events.Topics;
import health.backline.local.ServiceCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The production deployment shape ({@code docker-compose.yml} at the repository root) agrees with the
 * services it runs. No Docker engine is needed: the file is read as YAML, its variables are filled in
 * from {@code .env.example} the way Compose does, and every check reads the source tree.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..");
    private static final Path COMPOSE_FILE = ROOT.resolve("docker-compose.yml");
    private static final Path ENV_EXAMPLE = ROOT.resolve(".env.example");
    private static final Path COMPOSE_SCHEMA = ROOT.resolve("deploy/compose-spec.json");
    private static final Path SHARED_DEFAULTS = ROOT.resolve("services/starter/src/main/resources/backline-defaults.properties");

    /** The users of the public contract (docs/contract/api.md, "Users and roles"). */
    private static final Set<String> CONTRACT_USERS = Set.of("frontdesk", "clinician", "lead", "scheduler", "admin");
    /** Images this project does not build: each publisher's own image, always with a pinned tag. */
    private static final Set<String> OFFICIAL_IMAGES = Set.of("apache/kafka", "postgres", "prom/prometheus", "grafana/grafana");
    /** Read by the JVM itself, not by Spring. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");
    private static final Set<String> INFRASTRUCTURE = Set.of("kafka", "kafka-topics", "postgres", "prometheus", "grafana");
    /** Prometheus' user's password: the services know it, Prometheus scrapes with it. */
    private static final String METRICS_PASSWORD = "BACKLINE_SECURITY_METRICS_PASSWORD";

    /** {@code $$}, {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME-default}}, {@code ${NAME:?error}}, {@code ${NAME?error}}, {@code $NAME}. */
    private static final Pattern VARIABLE = Pattern.compile(
            "\\$(?:(\\$)|\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}|([A-Za-z_][A-Za-z0-9_]*))");
    /** A password taken from .env with no default: Compose stops if it is missing. */
    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+):?\\?[^}]*}");

    private static Map<String, Object> raw;
    private static Map<String, String> envExample;
    private static Map<String, Object> compose;
    private static Properties sharedDefaults;

    @BeforeAll
    static void readTheFiles() throws IOException {
        raw = yaml(COMPOSE_FILE);
        envExample = envFile(ENV_EXAMPLE);
        compose = map(interpolate(raw, envExample));
        sharedDefaults = new Properties();
        try (Reader in = Files.newBufferedReader(SHARED_DEFAULTS)) {
            sharedDefaults.load(in);
        }
    }

    @Test
    void the_file_follows_the_compose_specification_in_a_form_docker_compose_1_29_accepts() throws IOException {
        assertThat(raw.get("version")).as("file format version").asString().startsWith("3.");
        assertThat(raw).as("docker-compose 1.29 rejects a top-level name").doesNotContainKey("name");
        for (String key : raw.keySet()) {
            assertThat(key.startsWith("x-") || Set.of("version", "services", "volumes", "networks", "secrets", "configs").contains(key))
                    .as("top-level key %s", key).isTrue();
        }

        ObjectMapper json = new ObjectMapper();
        // The schema's "$id" is relative: give it the file's own location as its base.
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(
                SchemaLocation.of(COMPOSE_SCHEMA.toAbsolutePath().normalize().toUri().toString()),
                json.readTree(COMPOSE_SCHEMA.toFile()));
        Set<ValidationMessage> errors = schema.validate(json.valueToTree(compose));
        assertThat(errors).as("docker-compose.yml against the Compose specification's schema").isEmpty();
    }

    @Test
    void every_service_of_the_system_runs_from_its_own_image_on_its_port() throws IOException {
        assertThat(services().keySet()).containsAll(INFRASTRUCTURE);
        for (ServiceCatalog.Service service : ServiceCatalog.ALL) {
            String name = service.name();
            Map<String, Object> definition = service(name);
            String port = String.valueOf(service.defaultPort());

            assertThat(definition.get("image")).as(name).asString().startsWith("backline/" + name + ":");
            assertThat(strings(definition.get("ports"))).as("%s publishes its port", name).containsExactly(port + ":" + port);
            assertThat(flatten(yaml(applicationYml(name))).get("server.port")).as("%s application.yml server.port", name)
                    .hasToString(port);
            assertThat(String.join(" ", strings(map(definition.get("healthcheck")).get("test"))))
                    .as("%s health check", name)
                    .contains("curl -f")
                    .contains("http://localhost:" + port + "/actuator/health");
            assertThat(environment(name).get("JAVA_TOOL_OPTIONS")).as("%s heap", name).isEqualTo("-Xmx" + service.defaultHeap());

            // The image Jib builds is the one Compose runs, exposing the same port.
            String pom = Files.readString(ROOT.resolve("services/" + name + "/pom.xml"));
            assertThat(pom).contains("<image>backline/" + name + ":${project.version}</image>")
                    .contains("<port>" + port + "</port>")
                    .contains("<jib.skip>false</jib.skip>");
        }
    }

    @Test
    void every_environment_variable_of_a_service_is_a_property_the_service_reads() throws IOException {
        for (ServiceCatalog.Service service : ServiceCatalog.ALL) {
            Set<String> properties = new TreeSet<>(sharedDefaults.stringPropertyNames());
            properties.addAll(flatten(yaml(applicationYml(service.name()))).keySet());
            Set<String> readable = properties.stream().flatMap(ComposeFileTest::environmentNames).collect(Collectors.toSet());

            for (String variable : environment(service.name()).keySet()) {
                assertThat(JVM_VARIABLES.contains(variable) || readable.contains(variable))
                        .as("%s: %s is no property of backline-defaults.properties or its application.yml",
                                service.name(), variable)
                        .isTrue();
            }
        }
    }

    @Test
    void every_user_of_the_contract_gets_a_password_from_dot_env() {
        Set<String> configuredUsers = sharedDefaults.stringPropertyNames().stream()
                .filter(key -> key.startsWith("backline.security.users.") && key.endsWith(".password"))
                .map(key -> key.substring("backline.security.users.".length(), key.length() - ".password".length()))
                .collect(Collectors.toSet());
        assertThat(configuredUsers).isEqualTo(CONTRACT_USERS);

        for (ServiceCatalog.Service service : ServiceCatalog.ALL) {
            Map<String, Object> rawEnvironment = map(map(rawServices().get(service.name())).get("environment"));
            for (String user : CONTRACT_USERS) {
                String variable = passwordVariable(user);
                assertThat(rawEnvironment).as("%s: %s", service.name(), variable).containsKey(variable);
                assertThat(String.valueOf(rawEnvironment.get(variable)))
                        .as("%s: %s comes from .env, with no default", service.name(), variable)
                        .matches(REQUIRED_VARIABLE);
            }
        }
    }

    @Test
    void no_password_equals_its_user_name_or_is_written_into_the_compose_file() {
        for (ServiceCatalog.Service service : ServiceCatalog.ALL) {
            Map<String, String> environment = environment(service.name());
            for (String user : CONTRACT_USERS) {
                assertThat(environment.get(passwordVariable(user)))
                        .as("%s would refuse to start: %s's password is the user name", service.name(), user)
                        .isNotBlank()
                        .isNotEqualTo(user);
            }
        }

        Set<String> userNames = new LinkedHashSet<>(CONTRACT_USERS);
        userNames.add(envExample.get("BACKLINE_DB_SUPERUSER"));
        userNames.add(envExample.get("GRAFANA_ADMIN_USER"));
        List<String> passwords = envExample.keySet().stream().filter(key -> key.endsWith("_PASSWORD")).toList();
        assertThat(passwords).hasSizeGreaterThanOrEqualTo(CONTRACT_USERS.size() + 2);
        for (String key : passwords) {
            assertThat(envExample.get(key)).as(".env.example %s", key)
                    .startsWith("change-me-")
                    .isNotIn(userNames);
        }

        // Every password in the compose file is a reference to .env, never a value, never a default.
        rawServices().forEach((name, definition) -> map(map(definition).get("environment")).forEach((variable, value) -> {
            if (variable.contains("PASSWORD")) {
                assertThat(String.valueOf(value)).as("%s: %s", name, variable).matches(REQUIRED_VARIABLE);
            }
        }));
    }

    @Test
    void images_are_official_with_a_pinned_tag_or_built_by_this_project() {
        Set<String> ours = ServiceCatalog.ALL.stream().map(ServiceCatalog.Service::name).collect(Collectors.toSet());
        services().forEach((name, definition) -> {
            String image = String.valueOf(map(definition).get("image"));
            int colon = image.lastIndexOf(':');
            assertThat(colon).as("%s: %s has a tag", name, image).isPositive();
            String repository = image.substring(0, colon);
            String tag = image.substring(colon + 1);
            assertThat(tag).as("%s: %s", name, image).isNotBlank().isNotEqualTo("latest");
            if (repository.startsWith("backline/")) {
                assertThat(repository).as("%s runs its own image", name).isEqualTo("backline/" + name);
                assertThat(ours).contains(name);
            } else {
                assertThat(OFFICIAL_IMAGES).as("%s: %s", name, image).contains(repository);
            }
        });
    }

    @Test
    void depends_on_names_existing_services_and_the_services_start_once_kafka_topics_and_postgres_are_ready() {
        Map<String, Object> services = services();
        services.forEach((name, definition) -> dependencies(map(definition)).forEach((dependency, condition) -> {
            assertThat(services).as("%s depends on %s", name, dependency).containsKey(dependency);
            if (condition.equals("service_healthy")) {
                assertThat(map(services.get(dependency))).as("%s waits for %s to be healthy", name, dependency)
                        .containsKey("healthcheck");
            }
        }));
        for (ServiceCatalog.Service service : ServiceCatalog.ALL) {
            assertThat(dependencies(service(service.name()))).as(service.name()).containsAllEntriesOf(Map.of(
                    "kafka", "service_healthy",
                    "kafka-topics", "service_completed_successfully",
                    "postgres", "service_healthy"));
        }
        assertThat(dependencies(service("kafka-topics"))).containsEntry("kafka", "service_healthy");
    }

    @Test
    void one_broker_and_no_replication_and_the_file_says_so_plainly() throws IOException {
        Map<String, String> kafka = environment("kafka");
        assertThat(kafka.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(kafka.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).as("one voter: one node").doesNotContain(",");
        assertThat(kafka.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR")).isEqualTo("1");
        assertThat(String.join(" ", strings(service("kafka-topics").get("command")))).contains("--replication-factor 1");
        assertThat(sharedDefaults.getProperty("backline.kafka.replicas")).isEqualTo("1");
        // A reader of the file learns at its top what one broker means, and where the replicated shape is.
        String header = Files.readString(COMPOSE_FILE).split("\nversion:")[0];
        assertThat(header).contains("A single-broker shape").contains("replication factor 1").contains("deploy/k8s");
    }

    @Test
    void kafka_topics_creates_every_topic_of_the_contract_and_its_dead_letter_topic() {
        Map<String, Object> topics = service("kafka-topics");
        Set<String> expected = new TreeSet<>();
        Topics.ALL.forEach(topic -> {
            expected.add(topic);
            expected.add(Topics.deadLetterOf(topic));
        });

        Map<String, String> environment = environment("kafka-topics");
        assertThat(new TreeSet<>(List.of(environment.get("TOPICS").trim().split("\\s+")))).isEqualTo(expected);
        assertThat(environment.get("PARTITIONS")).isEqualTo(sharedDefaults.getProperty("backline.kafka.partitions"));
        for (ServiceCatalog.Service service : ServiceCatalog.ALL) {
            assertThat(environment(service.name()).get("BACKLINE_KAFKA_PARTITIONS"))
                    .as("%s expects as many partitions as kafka-topics creates", service.name())
                    .isEqualTo(environment.get("PARTITIONS"));
        }

        String script = String.join(" ", strings(topics.get("command")));
        assertThat(script).contains("for topic in $TOPICS").contains("--create --if-not-exists")
                .contains("--topic \"$topic\" --partitions \"$PARTITIONS\"")
                .contains("--bootstrap-server kafka:9092");
        assertThat(topics.get("image")).isEqualTo(service("kafka").get("image"));
        assertThat(topics.get("restart")).isEqualTo("no");
    }

    @Test
    void each_service_runs_as_a_database_role_of_its_own_that_owns_nothing_and_migrates_as_the_owner_of_its_schemas()
            throws IOException {
        String init = initScripts();
        Map<String, Object> postgres = service("postgres");
        assertThat(strings(postgres.get("volumes"))).contains("./deploy/postgres:/docker-entrypoint-initdb.d:ro")
                .anyMatch(volume -> volume.equals("postgres-data:/var/lib/postgresql/data"));
        assertThat(map(compose.get("volumes"))).containsKey("postgres-data");
        assertThat(String.join(" ", strings(map(postgres.get("healthcheck")).get("test")))).contains("pg_isready");
        Map<String, String> database = environment("postgres");
        Map<String, Object> rawDatabase = map(map(rawServices().get("postgres")).get("environment"));

        Set<String> schemas = new TreeSet<>();
        Set<String> roles = new TreeSet<>();
        for (ServiceCatalog.Service service : ServiceCatalog.ALL) {
            String name = service.name();
            Map<String, String> environment = environment(name);
            Map<String, Object> rawEnvironment = map(map(rawServices().get(name)).get("environment"));
            String owner = environment.get("BACKLINE_DB_OWNER");
            String runtime = environment.get("BACKLINE_DB_USER");
            assertThat(owner).as("%s migrates as", name).isEqualTo(name + "_owner");
            assertThat(runtime).as("%s runs as", name).isEqualTo(name + "_runtime");
            assertThat(roles.add(owner) && roles.add(runtime)).as("%s shares no role", name).isTrue();

            for (String role : List.of(owner, runtime)) {
                String passwordVariable = role.toUpperCase(Locale.ROOT).replace("_", "_DB_") + "_PASSWORD";
                String setting = role.equals(owner) ? "BACKLINE_DB_OWNER_PASSWORD" : "BACKLINE_DB_PASSWORD";
                assertThat(String.valueOf(rawEnvironment.get(setting))).as("%s %s", name, setting)
                        .startsWith("${" + passwordVariable + ":?");
                assertThat(String.valueOf(rawDatabase.get(passwordVariable))).as("postgres gets %s", passwordVariable)
                        .startsWith("${" + passwordVariable + ":?");
                assertThat(init).as("the init script makes %s with its password", role)
                        .contains("--set=" + role + "_password=\"$" + passwordVariable + "\"")
                        .contains("CREATE ROLE " + role + " LOGIN PASSWORD :'" + role + "_password';");
            }

            Map<String, Object> properties = flatten(yaml(applicationYml(name)));
            List<String> own = new ArrayList<>(List.of(String.valueOf(properties.get("backline.db.schema"))));
            if (properties.containsKey("backline.db.engine-schema")) {
                own.add(String.valueOf(properties.get("backline.db.engine-schema")));
            }
            for (String schema : own) {
                assertThat(init).as("%s owns its schema %s", owner, schema)
                        .contains("CREATE SCHEMA IF NOT EXISTS " + schema + " AUTHORIZATION " + owner + ";");
            }
            schemas.addAll(own);
            assertThat(init).as("%s owns nothing", runtime).doesNotContain("AUTHORIZATION " + runtime);

            assertThat(runtime).isNotEqualTo(database.get("POSTGRES_USER"));
            assertThat(owner).isNotEqualTo(database.get("POSTGRES_USER"));
            assertThat(environment.get("BACKLINE_DB_HOST")).isEqualTo("postgres");
            assertThat(environment.get("BACKLINE_DB_PORT")).isEqualTo("5432");
            assertThat(environment.get("BACKLINE_DB_NAME")).isEqualTo(database.get("POSTGRES_DB"));
            assertThat(environment.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:9092");
        }
        assertThat(schemas).containsExactly("intake", "scheduling", "triage", "workflow", "workflow_app");
        assertThat(init.split("AUTHORIZATION", -1)).as("no schema but the services'").hasSize(schemas.size() + 1);
        // Flyway's user and the datasource's user are the two settings above (backline-defaults.properties).
        assertThat(sharedDefaults.getProperty("spring.flyway.user")).isEqualTo("${backline.db.owner}");
        assertThat(sharedDefaults.getProperty("spring.datasource.username")).isEqualTo("${backline.db.user}");
    }

    @Test
    void prometheus_scrapes_every_service_as_the_metrics_only_user_and_never_holds_the_admin_password() throws IOException {
        Map<String, Object> prometheus = service("prometheus");
        assertThat(strings(prometheus.get("volumes"))).contains("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
        Map<String, Object> rawPrometheus = map(rawServices().get("prometheus"));
        assertThat(String.valueOf(map(rawPrometheus.get("environment")).get("BACKLINE_METRICS_PASSWORD")))
                .startsWith("${" + METRICS_PASSWORD + ":?");
        assertThat(String.valueOf(rawPrometheus)).doesNotContain(passwordVariable("admin"));
        String entrypointScript = String.join(" ", strings(prometheus.get("command")));

        String metricsUser = sharedDefaults.getProperty("backline.security.metrics.user");
        assertThat(metricsUser).isNotBlank().isNotIn(CONTRACT_USERS);
        for (ServiceCatalog.Service service : ServiceCatalog.ALL) {
            assertThat(String.valueOf(map(map(rawServices().get(service.name())).get("environment")).get(METRICS_PASSWORD)))
                    .as("%s knows the metrics user's password", service.name())
                    .startsWith("${" + METRICS_PASSWORD + ":?");
        }
        Map<String, Map<String, Object>> jobs = new LinkedHashMap<>();
        for (Object job : (List<?>) yaml(ROOT.resolve("deploy/prometheus/prometheus.yml")).get("scrape_configs")) {
            jobs.put(String.valueOf(map(job).get("job_name")), map(job));
        }
        for (ServiceCatalog.Service service : ServiceCatalog.ALL) {
            Map<String, Object> job = jobs.get(service.name());
            assertThat(job).as("scrape job %s", service.name()).isNotNull();
            assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
            Map<String, Object> basicAuth = map(job.get("basic_auth"));
            assertThat(basicAuth.get("username")).isEqualTo(metricsUser);
            assertThat(entrypointScript).as("the entrypoint writes the password file Prometheus reads")
                    .contains("\"$BACKLINE_METRICS_PASSWORD\" > " + basicAuth.get("password_file"));
            Map<String, Object> discovery = map(((List<?>) job.get("dns_sd_configs")).get(0));
            assertThat(strings(discovery.get("names"))).containsExactly(service.name());
            assertThat(discovery.get("port")).isEqualTo(service.defaultPort());
        }
    }

    @Test
    void prometheus_loads_every_rule_file_its_configuration_names() throws IOException {
        List<String> volumes = strings(service("prometheus").get("volumes"));
        List<String> ruleFiles = strings(yaml(ROOT.resolve("deploy/prometheus/prometheus.yml")).get("rule_files"));

        assertThat(ruleFiles).isNotEmpty();
        for (String ruleFile : ruleFiles) {
            assertThat(ROOT.resolve("deploy/prometheus").resolve(ruleFile)).as(ruleFile).isRegularFile();
            assertThat(volumes).contains("./deploy/prometheus/" + ruleFile + ":/etc/prometheus/" + ruleFile + ":ro");
        }
    }

    @Test
    void grafana_shows_the_flow_from_the_metrics_the_services_export() throws IOException {
        assertThat(String.valueOf(map(map(rawServices().get("grafana")).get("environment")).get("GF_SECURITY_ADMIN_PASSWORD")))
                .matches(REQUIRED_VARIABLE);
        Map<String, Object> datasources = yaml(ROOT.resolve("deploy/grafana/provisioning/datasources/prometheus.yml"));
        Map<String, Object> datasource = map(((List<?>) datasources.get("datasources")).get(0));
        assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");

        JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("deploy/grafana/dashboards/backline.json").toFile());
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            if (panel.has("targets")) {
                assertThat(panel.get("datasource").get("uid").asText()).as(panel.get("title").asText())
                        .isEqualTo(datasource.get("uid"));
                panel.get("targets").forEach(target -> queries.add(target.get("expr").asText()));
            }
        }
        String all = String.join("\n", queries);
        for (String metric : List.of("backline_referrals_routed_total", "backline_referrals_submitted_total",
                "backline_referrals_triaged_total", "backline_referral_time_to_triage_seconds_bucket",
                "backline_referral_time_to_booking_seconds_bucket", "backline_tasks_open", "backline_tasks_overdue",
                "backline_kafka_dead_letters_total", "kafka_consumer_fetch_manager_records_lag_max", "backline_outbox_unsent",
                "backline_outcomes_monthly_improving_share",
                "backline_outcomes_monthly_pain_change_median", "backline_tasks_at_risk",
                "backline_tasks_projected_breach_seconds")) {
            assertThat(all).as("the dashboard shows %s", metric).contains(metric);
        }
        assertThat(all).contains("histogram_quantile(0.5, sum by (le) (rate(backline_referral_time_to_triage_seconds_bucket[5m])))")
                .contains("histogram_quantile(0.95, sum by (le) (rate(backline_referral_time_to_booking_seconds_bucket[5m])))");
    }

    @Test
    void dot_env_example_names_every_variable_and_dot_env_stays_out_of_git() throws IOException {
        Set<String> referenced = new TreeSet<>();
        Matcher matcher = VARIABLE.matcher(Files.readString(COMPOSE_FILE));
        while (matcher.find()) {
            if (matcher.group(2) != null) {
                referenced.add(matcher.group(2));
            }
        }
        assertThat(envExample.keySet()).containsAll(referenced);
        assertThat(Files.readAllLines(ROOT.resolve(".gitignore"))).contains(".env");
    }

    // --- reading the files --------------------------------------------------------------------

    static Path applicationYml(String service) {
        return ROOT.resolve("services/" + service + "/src/main/resources/application.yml");
    }

    /** Every deployment script in deploy/postgres, as the postgres image runs them: in name order. */
    private static String initScripts() throws IOException {
        try (Stream<Path> scripts = Files.list(ROOT.resolve("deploy/postgres"))) {
            return scripts.sorted().map(path -> {
                try {
                    return Files.readString(path);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).collect(Collectors.joining("\n"));
        }
    }

    private static String passwordVariable(String user) {
        return "BACKLINE_SECURITY_USERS_" + user.toUpperCase(Locale.ROOT) + "_PASSWORD";
    }

    /** The environment variables Spring Boot binds to a property: {@code a.b-c} from {@code A_BC} or {@code A_B_C}. */
    static Stream<String> environmentNames(String property) {
        if (property.contains("[")) {
            return Stream.empty();
        }
        String upper = property.toUpperCase(Locale.ROOT).replace('.', '_');
        return Stream.of(upper.replace("-", ""), upper.replace('-', '_'));
    }

    private static Map<String, Object> rawServices() {
        return map(raw.get("services"));
    }

    private static Map<String, Object> services() {
        return map(compose.get("services"));
    }

    private static Map<String, Object> service(String name) {
        Object definition = services().get(name);
        assertThat(definition).as("service %s", name).isNotNull();
        return map(definition);
    }

    private static Map<String, String> environment(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        map(service(service).get("environment")).forEach((key, value) -> environment.put(key, String.valueOf(value)));
        return environment;
    }

    /** depends_on, short (list) or long (map) form, as service name to condition. */
    private static Map<String, String> dependencies(Map<String, Object> definition) {
        Object dependsOn = definition.get("depends_on");
        Map<String, String> dependencies = new LinkedHashMap<>();
        if (dependsOn instanceof List<?> list) {
            list.forEach(name -> dependencies.put(String.valueOf(name), "service_started"));
        } else if (dependsOn instanceof Map<?, ?> conditions) {
            conditions.forEach((name, condition) -> dependencies.put(String.valueOf(name),
                    String.valueOf(map(condition).getOrDefault("condition", "service_started"))));
        }
        return dependencies;
    }

    static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file)) {
            return map(new Yaml().load(in));
        }
    }

    private static Map<String, String> envFile(Path file) throws IOException {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            assertThat(equals).as(".env line: %s", line).isPositive();
            variables.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
        }
        return variables;
    }

    /** Fills in variables as Compose does, failing where Compose would stop for a missing one. */
    private static Object interpolate(Object value, Map<String, String> variables) {
        if (value instanceof String text) {
            Matcher matcher = VARIABLE.matcher(text);
            StringBuilder result = new StringBuilder();
            while (matcher.find()) {
                String replacement;
                if (matcher.group(1) != null) {
                    replacement = "$";
                } else {
                    String name = matcher.group(2) != null ? matcher.group(2) : matcher.group(5);
                    String operator = matcher.group(3);
                    String set = variables.get(name);
                    boolean missing = set == null || (operator != null && operator.startsWith(":") && set.isEmpty());
                    if (!missing) {
                        replacement = set;
                    } else if (operator != null && operator.endsWith("-")) {
                        replacement = matcher.group(4);
                    } else if (operator != null && operator.endsWith("?")) {
                        throw new AssertionError("Compose would stop: " + name + " is not set (" + matcher.group(4) + ")");
                    } else {
                        replacement = "";
                    }
                }
                matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
            }
            matcher.appendTail(result);
            return result.toString();
        }
        if (value instanceof Map<?, ?> entries) {
            Map<String, Object> result = new LinkedHashMap<>();
            entries.forEach((key, entry) -> result.put(String.valueOf(key), interpolate(entry, variables)));
            return result;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(entry -> interpolate(entry, variables)).toList();
        }
        return value;
    }

    /** A YAML document's properties in Spring's dotted form. */
    static Map<String, Object> flatten(Map<String, Object> document) {
        Map<String, Object> properties = new LinkedHashMap<>();
        flatten("", document, properties);
        return properties;
    }

    private static void flatten(String prefix, Object value, Map<String, Object> properties) {
        if (value instanceof Map<?, ?> entries) {
            entries.forEach((key, entry) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, entry, properties));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), properties);
            }
        } else {
            properties.put(prefix, value);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map)) {
            fail("Expected a mapping, found: " + value);
        }
        return (Map<String, Object>) value;
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }
}
