package health.backline.starter.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The service's one Kafka admin client, made on first use from Spring's {@link KafkaAdmin} settings and closed with
 * the service: the health check and the admin dashboard's backlog ask the broker through it.
 */
public class SharedKafkaAdmin implements DisposableBean {

    private final KafkaAdmin settings;
    private Admin client;

    public SharedKafkaAdmin(KafkaAdmin settings) {
        this.settings = settings;
    }

    public synchronized Admin client() {
        if (client == null) {
            client = Admin.create(settings.getConfigurationProperties());
        }
        return client;
    }

    @Override
    public synchronized void destroy() {
        if (client != null) {
            client.close();
        }
    }
}
