package health.backline.workflow.camunda;

import health.backline.starter.security.Role;
import health.backline.starter.security.SecurityProperties;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Keeps Camunda's users and groups in step with the contract's users and roles, so Cockpit,
 * Tasklist and Admin accept the same logins: admins are Camunda admins, each queue is a group with
 * Tasklist access and a Tasklist filter of its own. Runs at every start; passwords follow the configuration.
 */
@Component
class CamundaUsers implements ApplicationRunner {

    /** Camunda groups per role; a clinical lead works the clinician queue too. */
    private static final Map<Role, List<String>> GROUPS = Map.of(
            Role.FRONT_DESK, List.of("front-desk"),
            Role.CLINICIAN, List.of("clinician"),
            Role.CLINICAL_LEAD, List.of("clinician", "clinical-lead"),
            Role.SCHEDULER, List.of("scheduler"),
            Role.ADMIN, List.of(Groups.CAMUNDA_ADMIN));
    private static final Map<String, String> QUEUES = Map.of(
            "clinician", "Clinician queue", "clinical-lead", "Clinical lead queue", "scheduler", "Scheduler queue");

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final FilterService filters;
    private final TaskService tasks;
    private final SecurityProperties security;

    CamundaUsers(IdentityService identity, AuthorizationService authorizations, FilterService filters,
                 TaskService tasks, SecurityProperties security) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.filters = filters;
        this.tasks = tasks;
        this.security = security;
    }

    @Override
    public void run(ApplicationArguments args) {
        GROUPS.values().stream().flatMap(List::stream).distinct().forEach(this::ensureGroup);
        security.users().forEach((name, user) -> {
            ensureUser(name, user.password());
            GROUPS.get(user.role()).forEach(group -> ensureMembership(name, group));
        });
        QUEUES.forEach(this::ensureQueue);
    }

    private void ensureGroup(String id) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(id);
            group.setType(Groups.CAMUNDA_ADMIN.equals(id) ? Groups.GROUP_TYPE_SYSTEM : Groups.GROUP_TYPE_WORKFLOW);
            identity.saveGroup(group);
        }
        if (Groups.CAMUNDA_ADMIN.equals(id)) {
            for (Resources resource : Resources.values()) {
                grant(id, resource, Authorization.ANY, Permissions.ALL);
            }
        }
    }

    private void ensureUser(String id, String password) {
        User user = identity.createUserQuery().userId(id).singleResult();
        if (user == null) {
            user = identity.newUser(id);
            user.setFirstName(id);
            user.setLastName("(Backline)");
        }
        user.setPassword(password);
        identity.saveUser(user);
    }

    private void ensureMembership(String user, String group) {
        if (identity.createUserQuery().userId(user).memberOfGroup(group).count() == 0) {
            identity.createMembership(user, group);
        }
    }

    /** A queue's group may open Tasklist and sees its own filter there. */
    private void ensureQueue(String group, String filterName) {
        grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        Filter filter = filters.createFilterQuery().filterName(filterName).singleResult();
        if (filter == null) {
            filter = filters.newTaskFilter(filterName)
                    .setQuery(tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks())
                    .setProperties(Map.of("description", "Open tasks of the " + group + " queue", "priority", 0));
            filters.saveFilter(filter);
        }
        grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
    }

    private void grant(String group, Resources resource, String resourceId, Permissions permission) {
        boolean granted = authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(resource)
                .resourceId(resourceId).count() > 0;
        if (!granted) {
            Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            authorization.setGroupId(group);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
            authorization.addPermission(permission);
            authorizations.saveAuthorization(authorization);
        }
    }
}
