package health.backline.triage.rules;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One rule engine for the whole service: the table is parsed once at start-up. */
@Configuration(proxyBeanMethods = false)
class RulesConfiguration {

    @Bean
    RedFlagRules redFlagRules() {
        return new RedFlagRules();
    }
}
