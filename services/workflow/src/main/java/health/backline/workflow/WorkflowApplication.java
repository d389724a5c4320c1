package health.backline.workflow;

import health.backline.workflow.camunda.XmlDatatypes;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The workflow service: runs the referral process on Camunda 7 and hosts the clinicians' task queues. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkflowApplication {

    public static void main(String[] args) {
        XmlDatatypes.useTheJdkFactory();
        SpringApplication.run(WorkflowApplication.class, args);
    }
}
