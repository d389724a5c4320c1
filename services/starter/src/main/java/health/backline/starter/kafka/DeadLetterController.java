package health.backline.starter.kafka;

import health.backline.starter.web.InvalidRequestException;
import java.security.Principal;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/dead-letters}: the dead-letter records of the topics this service consumes, for admins (every
 * service's API chain leaves unnamed paths to ADMIN). Listed newest first without their data; each can be replayed
 * to its original topic or discarded, once, and either leaves an audit entry.
 */
@RestController
public class DeadLetterController {

    private static final int MAX_LIMIT = 500;

    private final DeadLetterTool tool;

    public DeadLetterController(DeadLetterTool tool) {
        this.tool = tool;
    }

    @GetMapping("/api/dead-letters")
    List<DeadLetter> list(@RequestParam(required = false) String topic, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return tool.newest(topic, limit);
    }

    @GetMapping("/api/dead-letters/{topic}/{partition}/{offset}")
    DeadLetter one(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset) {
        return tool.get(topic, partition, offset);
    }

    @PostMapping("/api/dead-letters/{topic}/{partition}/{offset}/replay")
    DeadLetter replay(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset, Principal user) {
        return tool.replay(topic, partition, offset, user.getName());
    }

    @PostMapping("/api/dead-letters/{topic}/{partition}/{offset}/discard")
    DeadLetter discard(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset, Principal user) {
        return tool.discard(topic, partition, offset, user.getName());
    }
}
