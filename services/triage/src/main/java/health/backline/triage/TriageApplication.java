package health.backline.triage;

import health.backline.starter.intake.IntakeValidation;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The triage service: screens each submitted referral for red flags and proposes a pathway. */
@SpringBootApplication
@Import(IntakeValidation.class)
public class TriageApplication {

    public static void main(String[] args) {
        SpringApplication.run(TriageApplication.class, args);
    }
}
