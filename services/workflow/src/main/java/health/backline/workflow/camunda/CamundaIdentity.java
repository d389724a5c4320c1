package health.backline.workflow.camunda;

import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Runs engine work as a signed-in user, with the Camunda groups {@link CamundaUsers} gave them: the engine then
 * checks its authorizations for that user, and knows who acted (the task guard, the audit). Tasklist and Cockpit
 * sign their users in themselves; the task API, the queue pages and Camunda REST ({@link CamundaRestIdentity}) go
 * through here.
 */
@Component
public class CamundaIdentity {

    private final IdentityService identity;

    CamundaIdentity(IdentityService identity) {
        this.identity = identity;
    }

    /** {@code work} as {@code user}; whoever was signed in before is signed in again afterwards. */
    public <T> T as(String user, Supplier<T> work) {
        Authentication before = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            identity.setAuthentication(user, groupsOf(user));
            return work.get();
        } finally {
            if (before == null) {
                identity.clearAuthentication();
            } else {
                identity.setAuthentication(before);
            }
        }
    }

    public void as(String user, Runnable work) {
        as(user, () -> {
            work.run();
            return null;
        });
    }

    /** {@code work} with nobody signed in: the engine's own look-ups, which no user's authorizations may narrow. */
    public <T> T asEngine(Supplier<T> work) {
        Authentication before = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            return work.get();
        } finally {
            if (before != null) {
                identity.setAuthentication(before);
            }
        }
    }

    /** The user's Camunda groups (queried with nobody signed in, so no authorization hides one). */
    List<String> groupsOf(String user) {
        return identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    }
}
