package health.backline.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalSettingsTest {

    private static final Properties NO_PROPERTIES = new Properties();

    private static LocalSettings parse(List<String> args, Map<String, String> environment) {
        return LocalSettings.parse(args, environment, NO_PROPERTIES);
    }

    @Test
    void without_arguments_everything_has_its_documented_default() {
        LocalSettings settings = parse(List.of(), Map.of());

        assertThat(settings.dataDirectory()).isEqualTo(Path.of(".backline").toAbsolutePath().normalize());
        assertThat(settings.fresh()).isFalse();
        assertThat(settings.startServices()).isTrue();
        assertThat(settings.help()).isFalse();
        assertThat(settings.postgresPort()).isEqualTo(15432);
        assertThat(settings.kafkaPort()).isEqualTo(9092);
        assertThat(settings.kafkaControllerPort()).isEqualTo(9093);
        assertThat(settings.servicePorts()).containsExactly(
                Map.entry("intake", 8081), Map.entry("triage", 8082),
                Map.entry("workflow", 8083), Map.entry("scheduling", 8084));
        assertThat(settings.serviceHeaps()).containsExactly(
                Map.entry("intake", "256m"), Map.entry("triage", "256m"),
                Map.entry("workflow", "384m"), Map.entry("scheduling", "256m"));
        assertThat(settings.startupTimeout()).isEqualTo(Duration.ofSeconds(180));
        assertThat(settings.servicesDirectory()).isEmpty();
    }

    @Test
    void data_dir_fresh_and_no_services_come_from_the_command_line() {
        LocalSettings settings = parse(List.of("--data-dir", "/tmp/somewhere/../backline-data", "--fresh", "--no-services"),
                Map.of());

        assertThat(settings.dataDirectory()).isEqualTo(Path.of("/tmp/backline-data"));
        assertThat(settings.fresh()).isTrue();
        assertThat(settings.startServices()).isFalse();
        assertThat(settings.logDirectory()).isEqualTo(Path.of("/tmp/backline-data/logs"));
    }

    @Test
    void data_dir_also_takes_the_equals_form() {
        assertThat(parse(List.of("--data-dir=/srv/backline"), Map.of()).dataDirectory()).isEqualTo(Path.of("/srv/backline"));
    }

    @Test
    void ports_heaps_and_timeout_come_from_the_environment() {
        LocalSettings settings = parse(List.of(), Map.of(
                "BACKLINE_DATA_DIR", "/var/backline",
                "BACKLINE_POSTGRES_PORT", "25432",
                "BACKLINE_KAFKA_PORT", "19092",
                "BACKLINE_KAFKA_CONTROLLER_PORT", "19093",
                "BACKLINE_WORKFLOW_PORT", "18083",
                "BACKLINE_TRIAGE_HEAP", "512m",
                "BACKLINE_STARTUP_TIMEOUT", "PT5M",
                "BACKLINE_SERVICES_DIR", "/opt/backline/services"));

        assertThat(settings.dataDirectory()).isEqualTo(Path.of("/var/backline"));
        assertThat(settings.postgresPort()).isEqualTo(25432);
        assertThat(settings.kafkaPort()).isEqualTo(19092);
        assertThat(settings.kafkaControllerPort()).isEqualTo(19093);
        assertThat(settings.portOf(ServiceCatalog.WORKFLOW)).isEqualTo(18083);
        assertThat(settings.portOf(ServiceCatalog.INTAKE)).isEqualTo(8081);
        assertThat(settings.heapOf(ServiceCatalog.TRIAGE)).isEqualTo("512m");
        assertThat(settings.startupTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.servicesDirectory()).contains(Path.of("/opt/backline/services"));
    }

    @Test
    void a_system_property_wins_over_the_environment_and_the_command_line_over_both() {
        Properties properties = new Properties();
        properties.setProperty("backline.kafka.port", "29092");
        properties.setProperty("backline.data.dir", "/from/property");
        LocalSettings settings = LocalSettings.parse(List.of("--data-dir", "/from/argument"),
                Map.of("BACKLINE_KAFKA_PORT", "19092", "BACKLINE_DATA_DIR", "/from/environment"), properties);

        assertThat(settings.kafkaPort()).isEqualTo(29092);
        assertThat(settings.dataDirectory()).isEqualTo(Path.of("/from/argument"));
    }

    @Test
    void startup_timeout_in_plain_seconds() {
        assertThat(parse(List.of(), Map.of("BACKLINE_STARTUP_TIMEOUT", "90")).startupTimeout())
                .isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void help_is_recognised() {
        assertThat(parse(List.of("--help"), Map.of()).help()).isTrue();
        assertThat(parse(List.of("-h"), Map.of()).help()).isTrue();
        assertThat(LocalSettings.usage()).contains("--data-dir", "--fresh", "BACKLINE_KAFKA_PORT");
    }

    @Test
    void an_unknown_argument_is_refused_by_name() {
        assertThatThrownBy(() -> parse(List.of("--frsh"), Map.of()))
                .isInstanceOf(LocalSettings.InvalidSettingException.class)
                .hasMessageContaining("'--frsh'");
    }

    @Test
    void data_dir_without_a_directory_is_refused() {
        assertThatThrownBy(() -> parse(List.of("--data-dir"), Map.of()))
                .isInstanceOf(LocalSettings.InvalidSettingException.class)
                .hasMessageContaining("--data-dir needs a directory");
    }

    @Test
    void a_port_that_is_not_a_port_is_refused_naming_the_variable() {
        assertThatThrownBy(() -> parse(List.of(), Map.of("BACKLINE_KAFKA_PORT", "nine")))
                .isInstanceOf(LocalSettings.InvalidSettingException.class)
                .hasMessage("BACKLINE_KAFKA_PORT=nine is not a port (1-65535)");
        assertThatThrownBy(() -> parse(List.of(), Map.of("BACKLINE_INTAKE_PORT", "70000")))
                .hasMessage("BACKLINE_INTAKE_PORT=70000 is not a port (1-65535)");
    }

    @Test
    void a_heap_or_timeout_that_cannot_be_read_is_refused() {
        assertThatThrownBy(() -> parse(List.of(), Map.of("BACKLINE_WORKFLOW_HEAP", "lots")))
                .hasMessageContaining("BACKLINE_WORKFLOW_HEAP=lots is not a heap size");
        assertThatThrownBy(() -> parse(List.of(), Map.of("BACKLINE_STARTUP_TIMEOUT", "soon")))
                .hasMessageContaining("BACKLINE_STARTUP_TIMEOUT=soon is not a duration");
        assertThatThrownBy(() -> parse(List.of(), Map.of("BACKLINE_STARTUP_TIMEOUT", "0")))
                .hasMessageContaining("is not a duration");
    }

    @Test
    void two_parts_on_one_port_are_refused() {
        assertThatThrownBy(() -> parse(List.of(), Map.of("BACKLINE_TRIAGE_PORT", "9092")))
                .isInstanceOf(LocalSettings.InvalidSettingException.class)
                .hasMessage("Port 9092 is set for both Kafka and triage service: give each its own port");
    }

    @Test
    void port_uses_name_each_port_its_purpose_and_its_variable() {
        LocalSettings settings = parse(List.of(), Map.of());

        assertThat(settings.portUses(List.of(ServiceCatalog.INTAKE, ServiceCatalog.TRIAGE))).containsExactly(
                new PortCheck.PortUse(15432, "PostgreSQL", "BACKLINE_POSTGRES_PORT"),
                new PortCheck.PortUse(9092, "Kafka", "BACKLINE_KAFKA_PORT"),
                new PortCheck.PortUse(9093, "Kafka controller", "BACKLINE_KAFKA_CONTROLLER_PORT"),
                new PortCheck.PortUse(8081, "intake service", "BACKLINE_INTAKE_PORT"),
                new PortCheck.PortUse(8082, "triage service", "BACKLINE_TRIAGE_PORT"));
    }

    @Test
    void cluster_is_off_unless_asked_for() {
        LocalSettings settings = parse(List.of(), Map.of());

        assertThat(settings.cluster()).isFalse();
        assertThat(settings.kafkaNodes()).isEmpty();
        assertThat(settings.instancesOf(ServiceCatalog.INTAKE)).containsExactly(
                new ServiceInstance(ServiceCatalog.INTAKE, ServiceInstance.ALONE, 8081));
        assertThat(settings.instancesOf(ServiceCatalog.INTAKE).get(0).name()).isEqualTo("intake");
        assertThat(settings.entryPortOf(ServiceCatalog.TRIAGE)).isEqualTo(8082);
    }

    @Test
    void cluster_has_three_kafka_nodes_ten_ports_apart_and_two_instances_of_every_service_a_hundred_apart() {
        LocalSettings settings = parse(List.of("--cluster"), Map.of());

        assertThat(settings.cluster()).isTrue();
        assertThat(settings.kafkaNodes()).containsExactly(new KafkaNodeAddress(1, 9092, 9093),
                new KafkaNodeAddress(2, 9102, 9103), new KafkaNodeAddress(3, 9112, 9113));
        assertThat(settings.instancesOf(ServiceCatalog.WORKFLOW)).containsExactly(
                new ServiceInstance(ServiceCatalog.WORKFLOW, 1, 8183), new ServiceInstance(ServiceCatalog.WORKFLOW, 2, 8283));
        assertThat(settings.instancesOf(ServiceCatalog.WORKFLOW).get(1).name()).isEqualTo("workflow-2");
        assertThat(settings.entryPortOf(ServiceCatalog.INTAKE)).as("the front").isEqualTo(8081);
        assertThat(settings.entryPortOf(ServiceCatalog.WORKFLOW)).as("the first instance").isEqualTo(8183);
    }

    @Test
    void cluster_port_uses_name_every_node_instance_and_the_front() {
        LocalSettings settings = parse(List.of("--cluster"), Map.of());

        assertThat(settings.portUses(List.of(ServiceCatalog.INTAKE, ServiceCatalog.TRIAGE))).containsExactly(
                new PortCheck.PortUse(15432, "PostgreSQL", "BACKLINE_POSTGRES_PORT"),
                new PortCheck.PortUse(9092, "Kafka node 1", "BACKLINE_KAFKA_PORT"),
                new PortCheck.PortUse(9093, "Kafka controller 1", "BACKLINE_KAFKA_CONTROLLER_PORT"),
                new PortCheck.PortUse(9102, "Kafka node 2", "BACKLINE_KAFKA_PORT"),
                new PortCheck.PortUse(9103, "Kafka controller 2", "BACKLINE_KAFKA_CONTROLLER_PORT"),
                new PortCheck.PortUse(9112, "Kafka node 3", "BACKLINE_KAFKA_PORT"),
                new PortCheck.PortUse(9113, "Kafka controller 3", "BACKLINE_KAFKA_CONTROLLER_PORT"),
                new PortCheck.PortUse(8081, "intake front", "BACKLINE_INTAKE_PORT"),
                new PortCheck.PortUse(8181, "intake-1 service", "BACKLINE_INTAKE_PORT"),
                new PortCheck.PortUse(8281, "intake-2 service", "BACKLINE_INTAKE_PORT"),
                new PortCheck.PortUse(8182, "triage-1 service", "BACKLINE_TRIAGE_PORT"),
                new PortCheck.PortUse(8282, "triage-2 service", "BACKLINE_TRIAGE_PORT"));
        assertThat(LocalSettings.usage()).contains("--cluster");
    }

    @Test
    void cluster_refuses_ports_that_clash_or_run_past_the_last() {
        assertThatThrownBy(() -> parse(List.of("--cluster"), Map.of("BACKLINE_KAFKA_CONTROLLER_PORT", "9102")))
                .hasMessage("Port 9102 is set for both Kafka controller 1 and Kafka node 2: give each its own port");
        assertThatThrownBy(() -> parse(List.of("--cluster"), Map.of("BACKLINE_SCHEDULING_PORT", "65400")))
                .hasMessage("Port 65600 (scheduling-2 service, from BACKLINE_SCHEDULING_PORT) is above 65535:"
                        + " choose a lower BACKLINE_SCHEDULING_PORT");
    }
}
