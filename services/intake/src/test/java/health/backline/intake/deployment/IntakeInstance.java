package health.backline.intake.deployment;

import health.backline.intake.IntakeApplication;
import health.backline.testsupport.Infrastructure;
import health.backline.testsupport.RealInfrastructure;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Intake started as a deployment starts it: on the real infrastructure, with command-line settings. */
final class IntakeInstance {

    private IntakeInstance() {
    }

    /** {@code settings} ({@code name=value}) replace the test defaults of the same name. */
    static ConfigurableApplicationContext start(String... settings) {
        Infrastructure infrastructure = RealInfrastructure.get();
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("server.port", "0");
        arguments.put("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
        arguments.put("backline.db.host", infrastructure.databaseHost());
        arguments.put("backline.db.port", String.valueOf(infrastructure.databasePort()));
        arguments.put("backline.db.name", infrastructure.databaseName());
        arguments.put("backline.db.user", infrastructure.databaseUser());
        arguments.put("backline.db.password", infrastructure.databasePassword());
        arguments.put("backline.security.embedded-default", "true");
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            arguments.put(setting.substring(0, equals), setting.substring(equals + 1));
        }
        // Command-line arguments, as the launcher passes them: they outrank every default.
        return new SpringApplicationBuilder(IntakeApplication.class).run(arguments.entrySet().stream()
                .map(argument -> "--" + argument.getKey() + "=" + argument.getValue()).toArray(String[]::new));
    }
}
