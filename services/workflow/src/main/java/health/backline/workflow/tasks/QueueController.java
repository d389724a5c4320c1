package health.backline.workflow.tasks;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Deadline warnings per queue (ADR 22), for those who move work between queues and people: the clinical lead and
 * administrators. It names no referral, so it is not an audited read.
 */
@RestController
class QueueController {

    private final QueueRisks risks;

    QueueController(QueueRisks risks) {
        this.risks = risks;
    }

    @GetMapping("/api/queues")
    List<QueueRisk> queues() {
        return risks.now();
    }
}
