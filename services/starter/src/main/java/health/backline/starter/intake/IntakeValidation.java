package health.backline.starter.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The intake validator, for the services that read intakes (intake and triage) to {@code @Import}.
 * Not auto-configured: the other services never validate an intake and should not load the schema.
 */
@Configuration(proxyBeanMethods = false)
public class IntakeValidation {

    @Bean
    IntakeValidator intakeValidator(ObjectMapper objectMapper, Clock clock, ZoneId clinicZone) {
        return new IntakeValidator(objectMapper, clock, clinicZone);
    }
}
