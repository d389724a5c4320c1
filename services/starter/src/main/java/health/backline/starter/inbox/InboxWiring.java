package health.backline.starter.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
public class InboxWiring {

    @Bean
    EventInbox eventInbox(JdbcClient jdbc, TransactionTemplate transaction, ObjectMapper objectMapper) {
        return new EventInbox(jdbc, transaction, objectMapper);
    }
}
