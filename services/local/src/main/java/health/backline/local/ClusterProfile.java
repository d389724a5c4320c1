package health.backline.local;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --cluster}: the production shape of the Kubernetes deployment (docs/operate.md), as processes on this
 * machine. Three Kafka nodes, each broker and controller (a controller quorum of three), topics with three copies of
 * which two must have a write before it counts ({@code min.insync.replicas} 2; the services produce with
 * {@code acks=all} and idempotence); two instances of every service; intake behind one address ({@link IntakeFront}).
 *
 * <p>Ports: node n's broker and controller {@value #NODE_PORT_STEP}·(n-1) above {@code BACKLINE_KAFKA_PORT} and
 * {@code BACKLINE_KAFKA_CONTROLLER_PORT}; instance n of a service {@value #INSTANCE_PORT_STEP}·n above the
 * service's port, which is left to intake's front (and unused for the others).
 */
final class ClusterProfile {

    static final int NODES = 3;
    static final int INSTANCES = 2;
    static final int REPLICATION_FACTOR = 3;
    static final int MIN_INSYNC_REPLICAS = 2;
    /** A listener's consumers over all instances: as many as the single-broker shape's one instance runs. */
    static final int CONSUMERS_PER_LISTENER = 4;
    static final int NODE_PORT_STEP = 10;
    static final int INSTANCE_PORT_STEP = 100;
    /** The status file's name of the front. */
    static final String FRONT = "intake-front";

    private ClusterProfile() {
    }

    static List<KafkaNodeAddress> nodes(int firstPort, int firstControllerPort) {
        List<KafkaNodeAddress> nodes = new ArrayList<>();
        for (int id = 1; id <= NODES; id++) {
            int step = NODE_PORT_STEP * (id - 1);
            nodes.add(new KafkaNodeAddress(id, firstPort + step, firstControllerPort + step));
        }
        return nodes;
    }

    static List<ServiceInstance> instancesOf(ServiceCatalog.Service service, int servicePort) {
        List<ServiceInstance> instances = new ArrayList<>();
        for (int number = 1; number <= INSTANCES; number++) {
            instances.add(new ServiceInstance(service, number, servicePort + INSTANCE_PORT_STEP * number));
        }
        return instances;
    }

    /**
     * What an instance is told beyond the single-broker shape's settings: its own Kafka client id (to tell its
     * consumers from the other instance's), the topics' copies, its share of each listener's consumers (on one
     * machine, more consumers only add polls and offset commits: docs/operate.md, "Where the CPU goes"), and for
     * intake, to take the client's address from the front's {@code X-Forwarded-*} headers (Tomcat trusts them from
     * loopback and private addresses only).
     */
    static List<String> serviceArguments(ServiceInstance instance) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.kafka.client-id=backline-" + instance.name(),
                "--backline.kafka.replicas=" + REPLICATION_FACTOR,
                "--backline.kafka.min-insync-replicas=" + MIN_INSYNC_REPLICAS,
                "--spring.kafka.listener.concurrency=" + CONSUMERS_PER_LISTENER / INSTANCES));
        if (instance.service().equals(ServiceCatalog.INTAKE)) {
            arguments.add("--server.forward-headers-strategy=native");
        }
        return arguments;
    }
}
