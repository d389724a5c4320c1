package health.backline.events.outbox;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Just the shared module's wiring, as every service gets it. */
@SpringBootApplication
class OutboxTestApplication {
}
