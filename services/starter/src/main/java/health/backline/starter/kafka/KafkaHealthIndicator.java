package health.backline.starter.kafka;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * UP once the broker answers and every listener of this service has partitions assigned: only
 * then can the service do its work, so only then does {@code /actuator/health} say UP.
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator {

    private final SharedKafkaAdmin admin;
    private final ObjectProvider<KafkaListenerEndpointRegistry> listeners;

    public KafkaHealthIndicator(SharedKafkaAdmin admin, ObjectProvider<KafkaListenerEndpointRegistry> listeners) {
        super("Kafka health check failed");
        this.admin = admin;
        this.listeners = listeners;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        String clusterId = admin.client().describeCluster().clusterId().get(3, TimeUnit.SECONDS);
        builder.withDetail("clusterId", clusterId);
        KafkaListenerEndpointRegistry registry = listeners.getIfAvailable();
        if (registry != null) {
            for (MessageListenerContainer container : registry.getListenerContainers()) {
                Collection<?> assigned = container.getAssignedPartitions();
                if (!container.isRunning() || assigned == null || assigned.isEmpty()) {
                    builder.down().withDetail(container.getListenerId(), "waiting for partitions");
                    return;
                }
                builder.withDetail(container.getListenerId(), assigned.size() + " partitions");
            }
        }
        builder.up();
    }
}
