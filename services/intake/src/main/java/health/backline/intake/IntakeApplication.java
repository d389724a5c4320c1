package health.backline.intake;

import health.backline.starter.intake.IntakeValidation;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The intake service: the front desk records referrals and follows where each one is. */
@SpringBootApplication
@Import(IntakeValidation.class)
public class IntakeApplication {

    public static void main(String[] args) {
        SpringApplication.run(IntakeApplication.class, args);
    }
}
