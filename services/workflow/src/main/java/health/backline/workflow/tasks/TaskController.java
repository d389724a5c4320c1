package health.backline.workflow.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import health.backline.starter.audit.AuditTrail;
import health.backline.starter.security.Role;
import health.backline.starter.web.InvalidRequestException;
import health.backline.starter.web.ProblemException;
import health.backline.workflow.security.UserRoles;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The task API of the contract: each role sees and works only the queues it serves; admins read all. */
@RestController
@RequestMapping("/api/tasks")
class TaskController {

    private final HumanTasks tasks;
    private final AuditTrail audit;

    TaskController(HumanTasks tasks, AuditTrail audit) {
        this.tasks = tasks;
        this.audit = audit;
    }

    @GetMapping
    List<TaskView> open(@RequestParam(required = false) String queue, @RequestParam(required = false) String referralId,
                        Authentication user) {
        Set<Role> roles = rolesOf(user);
        List<TaskQueue> readable = Arrays.stream(TaskQueue.values())
                .filter(q -> roles.contains(Role.ADMIN) || roles.stream().anyMatch(q::isWorkedBy)).toList();
        List<TaskQueue> asked = readable;
        if (queue != null) {
            TaskQueue named = TaskQueue.named(queue).orElseThrow(() -> new InvalidRequestException("queue",
                    "must be one of: clinician, clinical-lead, scheduler"));
            if (!readable.contains(named)) {
                throw new ProblemException(HttpStatus.FORBIDDEN, "Not your queue", "Your role does not serve the " + queue + " queue");
            }
            asked = List.of(named);
        }
        List<TaskView> open = tasks.open(asked, referralId);
        // One audit entry per answer that lists referrals' work: who, and every referral listed.
        List<String> listed = open.stream().map(TaskView::referralId).filter(Objects::nonNull).distinct().toList();
        if (!listed.isEmpty()) {
            audit.recordRead(user.getName(), "GET /api/tasks", listed,
                    "queues " + asked.stream().map(TaskQueue::group).toList());
        }
        return open;
    }

    @PostMapping("/{id}/claim")
    TaskView claim(@PathVariable String id, Authentication user) {
        return tasks.claim(id, user.getName(), rolesOf(user));
    }

    @PostMapping("/{id}/complete")
    ResponseEntity<Void> complete(@PathVariable String id, @RequestBody(required = false) JsonNode body,
                                  Authentication user) {
        tasks.complete(id, user.getName(), rolesOf(user), body);
        return ResponseEntity.noContent().build();
    }

    private static Set<Role> rolesOf(Authentication user) {
        return UserRoles.of(user);
    }
}
