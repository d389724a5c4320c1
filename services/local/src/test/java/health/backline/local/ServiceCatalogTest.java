package health.backline.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceCatalogTest {

    @Test
    void services_run_when_their_jar_is_beside_the_launcher(@TempDir Path services) throws IOException {
        Files.createFile(services.resolve("backline-triage.jar"));
        Files.createFile(services.resolve("backline-intake.jar"));
        Files.createFile(services.resolve("something-else.jar"));

        assertThat(ServiceCatalog.present(services)).containsExactly(ServiceCatalog.INTAKE, ServiceCatalog.TRIAGE);
    }

    @Test
    void workflow_and_scheduling_are_picked_up_once_their_jars_appear(@TempDir Path services) throws IOException {
        for (ServiceCatalog.Service service : ServiceCatalog.ALL) {
            Files.createFile(services.resolve(service.jarName()));
        }

        assertThat(ServiceCatalog.present(services)).containsExactlyElementsOf(ServiceCatalog.ALL);
    }

    @Test
    void no_jars_means_no_services(@TempDir Path services) {
        assertThat(ServiceCatalog.present(services)).isEmpty();
        assertThat(ServiceCatalog.present(services.resolve("missing"))).isEmpty();
    }

    @Test
    void each_service_has_its_contract_port_heap_and_variables() {
        assertThat(ServiceCatalog.named("workflow")).contains(ServiceCatalog.WORKFLOW);
        assertThat(ServiceCatalog.WORKFLOW.defaultPort()).isEqualTo(8083);
        assertThat(ServiceCatalog.WORKFLOW.defaultHeap()).isEqualTo("384m");
        assertThat(ServiceCatalog.SCHEDULING.jarName()).isEqualTo("backline-scheduling.jar");
        assertThat(ServiceCatalog.SCHEDULING.portVariable()).isEqualTo("BACKLINE_SCHEDULING_PORT");
        assertThat(ServiceCatalog.INTAKE.heapVariable()).isEqualTo("BACKLINE_INTAKE_HEAP");
        assertThat(ServiceCatalog.WORKFLOW.databaseRole()).isEqualTo("workflow_runtime");
    }
}
