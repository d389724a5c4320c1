package health.backline.starter.outbox;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Just the starter's wiring, as every service gets it. */
@SpringBootApplication
class OutboxTestApplication {
}
