package health.backline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Kubernetes deployment ({@code deploy/k8s}, ADR 23), checked offline: no cluster, no kubectl. Each
 * kustomization is rendered the way {@code kubectl kustomize} renders one that has nothing but {@code resources:}
 * naming files (which {@link #build} insists on), every object is validated against the JSON schema of its
 * apiVersion and kind kept in {@code deploy/k8s-schemas} (Kubernetes 1.32's, strict: an unknown field is an error;
 * the Strimzi and CloudNativePG CRDs' own), and the manifests are checked against the services' code.
 */
class KubernetesManifestsTest {

    private static final Path ROOT = Path.of("..");
    private static final Path SERVICES = ROOT.resolve("deploy/k8s");
    private static final Path DEPENDENCIES = SERVICES.resolve("dependencies");
    private static final Path SCHEMAS = ROOT.resolve("deploy/k8s-schemas");
    private static final Path SHARED_DEFAULTS = ROOT.resolve("services/starter/src/main/resources/backline-defaults.properties");

    /** apiVersion and kind to its schema under deploy/k8s-schemas. A kind without one is refused, never skipped. */
    private static final Map<String, String> SCHEMA_FILES = Map.of(
            "apps/v1 Deployment", "kubernetes-v1.32.2/deployment-apps-v1.json",
            "v1 Service", "kubernetes-v1.32.2/service-v1.json",
            "v1 ConfigMap", "kubernetes-v1.32.2/configmap-v1.json",
            "policy/v1 PodDisruptionBudget", "kubernetes-v1.32.2/poddisruptionbudget-policy-v1.json",
            "autoscaling/v2 HorizontalPodAutoscaler", "kubernetes-v1.32.2/horizontalpodautoscaler-autoscaling-v2.json",
            "kafka.strimzi.io/v1beta2 Kafka", "crds/kafka.strimzi.io/kafka_v1beta2.json",
            "kafka.strimzi.io/v1beta2 KafkaNodePool", "crds/kafka.strimzi.io/kafkanodepool_v1beta2.json",
            "kafka.strimzi.io/v1beta2 KafkaTopic", "crds/kafka.strimzi.io/kafkatopic_v1beta2.json",
            "postgresql.cnpg.io/v1 Cluster", "crds/postgresql.cnpg.io/cluster_v1.json",
            "postgresql.cnpg.io/v1 Database", "crds/postgresql.cnpg.io/database_v1.json");

    /** Memory beside the heap, the most any service had (docs/operate.md, "Memory"): RSS less the committed heap. */
    private static final long MEASURED_NON_HEAP_MIB = 184;
    /** A DNS-1123 subdomain, which every object's name must be. */
    private static final Pattern DNS_1123_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern SCHEMA_OWNER = Pattern.compile("CREATE SCHEMA IF NOT EXISTS (\\w+) AUTHORIZATION (\\w+);");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonSchema> COMPILED = new HashMap<>();

    private static List<JsonNode> services;
    private static List<JsonNode> dependencies;
    private static Properties sharedDefaults;

    @BeforeAll
    static void render() throws IOException {
        services = build(SERVICES);
        dependencies = build(DEPENDENCIES);
        sharedDefaults = new Properties();
        try (Reader in = Files.newBufferedReader(SHARED_DEFAULTS)) {
            sharedDefaults.load(in);
        }
    }

    @Test
    void every_object_is_valid_against_the_schema_of_its_kind() {
        List<JsonNode> all = new ArrayList<>(services);
        all.addAll(dependencies);
        Map<String, Integer> kinds = new TreeMap<>();
        Map<String, List<String>> errors = new TreeMap<>();
        for (JsonNode object : all) {
            List<String> found = validate(object);
            if (!found.isEmpty()) {
                errors.put(describe(object), found);
            }
            kinds.merge(object.path("kind").asText(), 1, Integer::sum);
        }
        assertThat(errors).as("objects that break the schema of their kind").isEmpty();
        int services = ServiceCatalog.ALL.size();
        assertThat(kinds).containsEntry("Deployment", services).containsEntry("Service", services)
                .containsEntry("PodDisruptionBudget", services).containsEntry("HorizontalPodAutoscaler", services)
                .containsEntry("ConfigMap", 1).containsEntry("Kafka", 1).containsEntry("KafkaNodePool", 1)
                .containsEntry("KafkaTopic", Topics.ALL.size() * 2).containsEntry("Cluster", 1).containsEntry("Database", 1);
    }

    @Test
    void a_broken_manifest_is_rejected() {
        JsonNode deployment = object(services, "Deployment", "intake");

        assertThat(validate(broken(deployment, d -> container(d).put("livenessprobe", "typo"))))
                .as("an unknown field").anySatisfy(error -> assertThat(error).contains("livenessprobe"));
        assertThat(validate(broken(deployment, d -> ((ObjectNode) d.path("spec")).put("replicas", "two"))))
                .as("a string where an integer belongs").isNotEmpty();
        assertThat(validate(broken(deployment, d -> container(d).remove("name"))))
                .as("a container without its required name").anySatisfy(error -> assertThat(error).contains("name"));
        assertThat(validate(broken(deployment, d -> ((ObjectNode) container(d).path("resources").path("requests"))
                .putArray("memory")))).as("a quantity that is a list").isNotEmpty();
        assertThat(validate(broken(object(services, "HorizontalPodAutoscaler", "intake"),
                h -> ((ObjectNode) h.path("spec")).remove("maxReplicas")))).as("an HPA without maxReplicas").isNotEmpty();
        assertThat(validate(broken(object(dependencies, "KafkaTopic", "referrals-submitted"),
                t -> ((ObjectNode) t.path("spec")).put("partitions", 0)))).as("a topic of no partitions").isNotEmpty();
        assertThat(validate(broken(object(dependencies, "Cluster", "backline-db"),
                c -> ((ObjectNode) c.path("spec")).put("instance", 3)))).as("a misspelt Cluster field").isNotEmpty();
        assertThatThrownBy(() -> validate(broken(deployment, d -> ((ObjectNode) d).put("apiVersion", "extensions/v1beta1"))))
                .as("a kind no schema is kept for").hasMessageContaining("no schema");
    }

    @Test
    void each_kustomization_names_only_files_of_its_directory_and_every_name_is_valid() throws IOException {
        for (Path directory : List.of(SERVICES, DEPENDENCIES)) {
            Map<String, Object> kustomization = ComposeFileTest.yaml(directory.resolve("kustomization.yaml"));
            assertThat(kustomization.keySet()).as("%s: plain resources only", directory)
                    .containsExactlyInAnyOrder("apiVersion", "kind", "resources");
        }
        for (List<JsonNode> objects : List.of(services, dependencies)) {
            Set<String> seen = new TreeSet<>();
            for (JsonNode object : objects) {
                String name = object.path("metadata").path("name").asText();
                assertThat(name).as(describe(object)).matches(DNS_1123_SUBDOMAIN).hasSizeLessThanOrEqualTo(253);
                assertThat(seen.add(object.path("kind").asText() + "/" + name)).as("%s twice", describe(object)).isTrue();
            }
        }
    }

    @Test
    void each_service_runs_its_image_on_its_port_with_probes_on_the_health_groups_and_the_measured_memory() {
        assertThat(sharedDefaults.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
        assertThat(sharedDefaults.getProperty("management.endpoint.health.group.liveness.include")).isEqualTo("livenessState");
        assertThat(sharedDefaults.getProperty("management.endpoint.health.group.readiness.include"))
                .contains("readinessState").contains("db").contains("kafka");

        for (ServiceCatalog.Service service : ServiceCatalog.ALL) {
            String name = service.name();
            JsonNode deployment = object(services, "Deployment", name);
            JsonNode pod = deployment.path("spec").path("template");
            assertThat(pod.path("metadata").path("labels").path("app.kubernetes.io/name").asText()).isEqualTo(name);
            JsonNode container = pod.path("spec").path("containers").get(0);
            assertThat(pod.path("spec").path("containers")).as(name).hasSize(1);

            assertThat(container.path("image").asText()).as(name).isEqualTo("backline/" + name + ":0.1.0-SNAPSHOT");
            assertThat(container.path("ports").get(0).path("containerPort").asInt()).as(name).isEqualTo(service.defaultPort());
            assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/actuator/health/liveness");
            assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/actuator/health/liveness");
            assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/actuator/health/readiness");
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(container.path(probe).path("httpGet").path("port").asText()).as("%s %s", name, probe)
                        .isEqualTo(container.path("ports").get(0).path("name").asText());
            }

            Map<String, String> environment = literalEnvironment(container);
            assertThat(environment.get("JAVA_TOOL_OPTIONS")).as("%s: the heap of docker-compose.yml", name)
                    .startsWith("-Xmx" + service.defaultHeap() + " ");
            long heap = mebibytes(service.defaultHeap());
            long request = mebibytes(container.path("resources").path("requests").path("memory").asText());
            long limit = mebibytes(container.path("resources").path("limits").path("memory").asText());
            assertThat(request).as("%s memory request", name).isPositive().isLessThanOrEqualTo(limit);
            assertThat(limit).as("%s memory limit: heap and the measured memory beside it", name)
                    .isGreaterThanOrEqualTo(heap + MEASURED_NON_HEAP_MIB);
            assertThat(container.path("resources").path("requests").path("cpu").asText()).as(name).isNotEmpty();
        }
    }

    @Test
    void every_environment_variable_of_a_service_is_a_property_the_service_reads() throws IOException {
        Set<String> shared = new TreeSet<>();
        object(services, "ConfigMap", "backline-config").path("data").fieldNames().forEachRemaining(shared::add);
        for (ServiceCatalog.Service service : ServiceCatalog.ALL) {
            Set<String> properties = new TreeSet<>(sharedDefaults.stringPropertyNames());
            properties.addAll(ComposeFileTest.flatten(ComposeFileTest.yaml(ComposeFileTest.applicationYml(service.name()))).keySet());
            Set<String> readable = properties.stream().flatMap(ComposeFileTest::environmentNames).collect(Collectors.toSet());
            readable.add("JAVA_TOOL_OPTIONS");

            JsonNode container = object(services, "Deployment", service.name()).path("spec").path("template").path("spec")
                    .path("containers").get(0);
            assertThat(container.path("envFrom").get(0).path("configMapRef").path("name").asText()).isEqualTo("backline-config");
            Set<String> variables = new TreeSet<>(shared);
            container.path("env").forEach(variable -> variables.add(variable.path("name").asText()));
            assertThat(readable).as("%s reads every variable it is given", service.name()).containsAll(variables);
            assertThat(variables).as(service.name()).contains("BACKLINE_DB_USER", "BACKLINE_DB_PASSWORD", "BACKLINE_DB_OWNER",
                    "BACKLINE_DB_OWNER_PASSWORD", "BACKLINE_SECURITY_METRICS_PASSWORD");
            for (String user : List.of("FRONTDESK", "CLINICIAN", "LEAD", "SCHEDULER", "ADMIN")) {
                assertThat(variables).contains("BACKLINE_SECURITY_USERS_" + user + "_PASSWORD");
            }
            // No password is written into a manifest: each comes from a Secret.
            container.path("env").forEach(variable -> {
                if (variable.path("name").asText().endsWith("PASSWORD")) {
                    assertThat(variable.has("value")).as("%s %s", service.name(), variable.path("name").asText()).isFalse();
                    assertThat(variable.path("valueFrom").path("secretKeyRef").path("name").asText()).isNotEmpty();
                }
            });
        }
    }

    @Test
    void service_disruption_budget_and_autoscaler_select_their_deployment_and_stay_within_the_partitions() {
        int partitions = Integer.parseInt(sharedDefaults.getProperty("backline.kafka.partitions"));
        int concurrency = Integer.parseInt(sharedDefaults.getProperty("spring.kafka.listener.concurrency"));
        assertThat(object(services, "ConfigMap", "backline-config").path("data").path("BACKLINE_KAFKA_PARTITIONS").asText())
                .isEqualTo(String.valueOf(partitions));
        for (ServiceCatalog.Service service : ServiceCatalog.ALL) {
            String name = service.name();
            JsonNode deployment = object(services, "Deployment", name);
            Map<String, String> podLabels = strings(deployment.path("spec").path("template").path("metadata").path("labels"));
            assertThat(podLabels).as("%s Deployment selector", name)
                    .containsAllEntriesOf(strings(deployment.path("spec").path("selector").path("matchLabels")));

            JsonNode kubernetesService = object(services, "Service", name);
            assertThat(podLabels).as("%s Service selector", name).containsAllEntriesOf(strings(kubernetesService.path("spec").path("selector")));
            assertThat(kubernetesService.path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(service.defaultPort());

            assertThat(podLabels).as("%s PodDisruptionBudget selector", name)
                    .containsAllEntriesOf(strings(object(services, "PodDisruptionBudget", name).path("spec").path("selector").path("matchLabels")));

            JsonNode autoscaler = object(services, "HorizontalPodAutoscaler", name).path("spec");
            assertThat(autoscaler.path("scaleTargetRef").path("kind").asText()).isEqualTo("Deployment");
            assertThat(autoscaler.path("scaleTargetRef").path("name").asText()).isEqualTo(name);
            assertThat(autoscaler.path("metrics").get(0).path("resource").path("name").asText()).isEqualTo("cpu");
            int minReplicas = autoscaler.path("minReplicas").asInt();
            int maxReplicas = autoscaler.path("maxReplicas").asInt();
            assertThat(minReplicas).as("%s: one replica left during a drain", name).isGreaterThanOrEqualTo(2);
            assertThat(maxReplicas * concurrency).as("%s: consumers of all replicas, at most one per partition", name)
                    .isLessThanOrEqualTo(partitions);
            assertThat(deployment.path("spec").path("replicas").asInt()).isBetween(minReplicas, maxReplicas);
        }
    }

    @Test
    void the_kafka_example_has_every_topic_of_the_contract_replicated_three_times_and_written_to_two() {
        Set<String> expected = new TreeSet<>();
        Topics.ALL.forEach(topic -> {
            expected.add(topic);
            expected.add(Topics.deadLetterOf(topic));
        });
        JsonNode kafka = object(dependencies, "Kafka", "backline");
        Set<String> topics = new TreeSet<>();
        for (JsonNode topic : objects(dependencies, "KafkaTopic")) {
            assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo("backline");
            assertThat(topic.path("spec").path("partitions").asText()).isEqualTo(sharedDefaults.getProperty("backline.kafka.partitions"));
            assertThat(topic.path("spec").path("replicas").asInt()).isEqualTo(3);
            assertThat(topic.path("spec").path("config").path("min.insync.replicas").asInt()).isEqualTo(2);
            topics.add(topic.path("spec").path("topicName").asText());
        }
        assertThat(topics).isEqualTo(expected);

        JsonNode config = kafka.path("spec").path("kafka").path("config");
        assertThat(config.path("default.replication.factor").asInt()).isEqualTo(3);
        assertThat(config.path("min.insync.replicas").asInt()).isEqualTo(2);
        assertThat(config.path("auto.create.topics.enable").asBoolean(true)).isFalse();
        assertThat(object(dependencies, "KafkaNodePool", "dual-role").path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(sharedDefaults.getProperty("spring.kafka.producer.acks")).as("every write reaches the in-sync replicas").isEqualTo("all");

        JsonNode listener = kafka.path("spec").path("kafka").path("listeners").get(0);
        assertThat(object(services, "ConfigMap", "backline-config").path("data").path("SPRING_KAFKA_BOOTSTRAP_SERVERS").asText())
                .as("Strimzi's bootstrap Service").isEqualTo("backline-kafka-bootstrap:" + listener.path("port").asInt());
        assertThat(object(services, "ConfigMap", "backline-config").path("data").path("BACKLINE_KAFKA_REPLICAS").asInt()).isEqualTo(3);
    }

    @Test
    void the_postgres_example_has_the_roles_and_schemas_of_the_compose_init_script_and_the_services_read_the_same_secrets()
            throws IOException {
        JsonNode cluster = object(dependencies, "Cluster", "backline-db");
        Map<String, String> roleSecrets = new TreeMap<>();
        cluster.path("spec").path("managed").path("roles").forEach(role -> {
            assertThat(role.path("login").asBoolean()).isTrue();
            roleSecrets.put(role.path("name").asText(), role.path("passwordSecret").path("name").asText());
        });
        Map<String, String> expectedSecrets = new TreeMap<>();
        for (ServiceCatalog.Service service : ServiceCatalog.ALL) {
            JsonNode container = object(services, "Deployment", service.name()).path("spec").path("template").path("spec")
                    .path("containers").get(0);
            expectedSecrets.put(service.name() + "_owner", secretOf(container, "BACKLINE_DB_OWNER_PASSWORD"));
            expectedSecrets.put(service.name() + "_runtime", secretOf(container, "BACKLINE_DB_PASSWORD"));
            assertThat(secretOf(container, "BACKLINE_DB_OWNER")).isEqualTo(secretOf(container, "BACKLINE_DB_OWNER_PASSWORD"));
            assertThat(secretOf(container, "BACKLINE_DB_USER")).isEqualTo(secretOf(container, "BACKLINE_DB_PASSWORD"));
        }
        assertThat(roleSecrets).as("each role's password is the Secret its service reads").isEqualTo(expectedSecrets);

        String init = Files.readString(ROOT.resolve("deploy/postgres/01-roles-and-schemas.sh"));
        Map<String, String> composeSchemas = new TreeMap<>();
        Matcher matcher = SCHEMA_OWNER.matcher(init);
        while (matcher.find()) {
            composeSchemas.put(matcher.group(1), matcher.group(2));
        }
        assertThat(composeSchemas).hasSize(5);
        JsonNode database = object(dependencies, "Database", "backline");
        Map<String, String> schemas = new TreeMap<>();
        database.path("spec").path("schemas").forEach(schema -> schemas.put(schema.path("name").asText(), schema.path("owner").asText()));
        assertThat(schemas).as("schemas and owners as deploy/postgres/01-roles-and-schemas.sh makes them").isEqualTo(composeSchemas);
        assertThat(database.path("spec").path("cluster").path("name").asText()).isEqualTo("backline-db");

        int pool = Integer.parseInt(sharedDefaults.getProperty("spring.datasource.hikari.maximum-pool-size"));
        int connections = objects(services, "HorizontalPodAutoscaler").stream()
                .mapToInt(autoscaler -> autoscaler.path("spec").path("maxReplicas").asInt() * (pool + 1)).sum();
        assertThat(Integer.parseInt(cluster.path("spec").path("postgresql").path("parameters").path("max_connections").asText()))
                .as("every pool of every replica at the autoscalers' maximum, and a migration's connection each")
                .isGreaterThanOrEqualTo(connections);

        JsonNode config = object(services, "ConfigMap", "backline-config").path("data");
        assertThat(config.path("BACKLINE_DB_HOST").asText()).as("CloudNativePG's read-write Service").isEqualTo("backline-db-rw");
        assertThat(config.path("BACKLINE_DB_NAME").asText()).isEqualTo(database.path("spec").path("name").asText())
                .isEqualTo(cluster.path("spec").path("bootstrap").path("initdb").path("database").asText());
    }

    // --- rendering and validating ---------------------------------------------------------------

    /**
     * What {@code kubectl kustomize DIRECTORY} prints for a kustomization that has only {@code resources:} naming
     * files of its own directory (anything else fails here): every YAML document of those files, in order. Kustomize
     * itself sorts them by kind, which changes nothing a validator sees.
     */
    @SuppressWarnings("unchecked")
    static List<JsonNode> build(Path directory) throws IOException {
        Map<String, Object> kustomization = ComposeFileTest.yaml(directory.resolve("kustomization.yaml"));
        assertThat(kustomization.keySet()).as("%s: this renderer knows resources: and nothing else", directory)
                .containsExactlyInAnyOrder("apiVersion", "kind", "resources");
        assertThat(kustomization.get("kind")).isEqualTo("Kustomization");
        List<JsonNode> objects = new ArrayList<>();
        for (Object resource : (List<Object>) kustomization.get("resources")) {
            Path file = directory.resolve(String.valueOf(resource)).normalize();
            assertThat(file.getParent()).as("%s: a file of the directory itself", resource).isEqualTo(directory.normalize());
            assertThat(file).as("resource %s", resource).isRegularFile();
            try (Reader in = Files.newBufferedReader(file)) {
                for (Object document : new Yaml().loadAll(in)) {
                    if (document != null) {
                        objects.add(JSON.valueToTree(document));
                    }
                }
            }
        }
        assertThat(objects).as("%s renders something", directory).isNotEmpty();
        return objects;
    }

    /** The schema's complaints about one object; an apiVersion and kind without a kept schema is an error in itself. */
    static List<String> validate(JsonNode object) {
        String key = object.path("apiVersion").asText() + " " + object.path("kind").asText();
        String file = SCHEMA_FILES.get(key);
        if (file == null) {
            throw new AssertionError(describe(object) + ": no schema for " + key + " in deploy/k8s-schemas");
        }
        JsonSchema schema = COMPILED.computeIfAbsent(file, KubernetesManifestsTest::compile);
        return schema.validate(object).stream().map(ValidationMessage::getMessage).toList();
    }

    private static JsonSchema compile(String file) {
        Path path = SCHEMAS.resolve(file);
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(path.toFile());
            // The Kubernetes schemas name "http://json-schema.org/schema#" (no draft); they are written as draft 4.
            node.remove("$schema");
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                    .getSchema(SchemaLocation.of(path.toAbsolutePath().normalize().toUri().toString()), node);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + path, e);
        }
    }

    // --- reading the objects -------------------------------------------------------------------

    private static List<JsonNode> objects(List<JsonNode> from, String kind) {
        return from.stream().filter(object -> object.path("kind").asText().equals(kind)).toList();
    }

    private static JsonNode object(List<JsonNode> from, String kind, String name) {
        List<JsonNode> found = objects(from, kind).stream()
                .filter(object -> object.path("metadata").path("name").asText().equals(name)).toList();
        assertThat(found).as("%s %s", kind, name).hasSize(1);
        return found.get(0);
    }

    private static JsonNode broken(JsonNode object, Consumer<JsonNode> breakIt) {
        JsonNode copy = object.deepCopy();
        breakIt.accept(copy);
        return copy;
    }

    private static ObjectNode container(JsonNode deployment) {
        return (ObjectNode) deployment.path("spec").path("template").path("spec").path("containers").get(0);
    }

    private static String describe(JsonNode object) {
        return object.path("kind").asText() + " " + object.path("metadata").path("name").asText();
    }

    private static Map<String, String> literalEnvironment(JsonNode container) {
        Map<String, String> environment = new LinkedHashMap<>();
        container.path("env").forEach(variable -> {
            if (variable.has("value")) {
                environment.put(variable.path("name").asText(), variable.path("value").asText());
            }
        });
        return environment;
    }

    private static String secretOf(JsonNode container, String variable) {
        return StreamSupport.stream(container.path("env").spliterator(), false)
                .filter(entry -> entry.path("name").asText().equals(variable))
                .map(entry -> entry.path("valueFrom").path("secretKeyRef").path("name").asText())
                .findFirst().orElseThrow(() -> new AssertionError("no " + variable));
    }

    private static Map<String, String> strings(JsonNode mapping) {
        Map<String, String> result = new TreeMap<>();
        mapping.fields().forEachRemaining(entry -> result.put(entry.getKey(), entry.getValue().asText()));
        return result;
    }

    /** "256m" (a JVM size) or "320Mi", "1Gi" (a Kubernetes quantity) in MiB. */
    private static long mebibytes(String size) {
        Matcher matcher = Pattern.compile("(\\d+)(m|Mi|g|Gi)").matcher(size);
        assertThat(matcher.matches()).as("a size in MiB or GiB: %s", size).isTrue();
        long value = Long.parseLong(matcher.group(1));
        return matcher.group(2).toLowerCase().startsWith("g") ? value * 1024 : value;
    }
}
