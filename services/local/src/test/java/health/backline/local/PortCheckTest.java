package health.backline.local;

import health.backline.testsupport.FreePorts;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PortCheckTest {

    @Test
    void a_port_bound_by_someone_else_is_reported_in_use_with_its_purpose_and_variable() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = taken.getLocalPort();
            PortCheck.PortUse kafka = new PortCheck.PortUse(port, "Kafka", "BACKLINE_KAFKA_PORT");

            assertThat(PortCheck.isFree(port)).isFalse();
            assertThat(PortCheck.inUse(List.of(kafka))).containsExactly(kafka);
            assertThat(kafka.inUseMessage()).isEqualTo("Port " + port + " (Kafka) is already in use: stop what uses it"
                    + " or choose another port with BACKLINE_KAFKA_PORT.");
        }
    }

    @Test
    void a_port_bound_on_every_interface_is_in_use_too() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThat(PortCheck.isFree(taken.getLocalPort())).isFalse();
        }
    }

    @Test
    void a_port_nobody_listens_on_is_free_and_only_busy_ones_are_reported() throws IOException {
        int[] ports = FreePorts.take(2);
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), ports[1]));
            PortCheck.PortUse free = new PortCheck.PortUse(ports[0], "PostgreSQL", "BACKLINE_POSTGRES_PORT");
            PortCheck.PortUse busy = new PortCheck.PortUse(ports[1], "intake service", "BACKLINE_INTAKE_PORT");

            assertThat(PortCheck.isFree(ports[0])).isTrue();
            assertThat(PortCheck.inUse(List.of(free, busy))).containsExactly(busy);
        }
    }
}
