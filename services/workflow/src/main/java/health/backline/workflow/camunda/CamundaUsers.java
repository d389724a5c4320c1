package health.backline.workflow.camunda;

import health.backline.starter.security.Role;
import health.backline.starter.security.SecurityProperties;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Makes Camunda's users, groups and memberships exactly the configuration's users and roles
 * ({@code backline.security.users}), at every start, so Cockpit, Tasklist and Admin accept the same logins and no
 * others: admins are Camunda admins, each queue is a group with Tasklist access and a Tasklist filter of its own.
 * A user no longer configured is deleted with their memberships, password and authorizations; a membership their
 * role no longer gives is removed; a group that is no role's is deleted; every password is the configured one.
 *
 * <p>A queue's group gets, on each of its tasks, only what Camunda grants candidates by default: READ and TASK_WORK
 * ({@code default-user-permission-name-for-task}), never UPDATE, which also allowed setting any variable, reassigning
 * and editing the task. Grants of UPDATE on tasks left by earlier versions become TASK_WORK here.
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
        Set<String> groups = GROUPS.values().stream().flatMap(List::stream).collect(Collectors.toSet());
        for (Group group : identity.createGroupQuery().list()) {
            if (!groups.contains(group.getId())) {
                removeGrants(authorizations.createAuthorizationQuery().groupIdIn(group.getId()).list());
                identity.deleteGroup(group.getId());
            }
        }
        groups.forEach(this::ensureGroup);
        for (User user : identity.createUserQuery().list()) {
            if (!security.users().containsKey(user.getId())) {
                removeGrants(authorizations.createAuthorizationQuery().userIdIn(user.getId()).list());
                identity.deleteUser(user.getId());
            }
        }
        security.users().forEach((name, user) -> {
            ensureUser(name, user.password());
            List<String> wanted = GROUPS.get(user.role());
            for (Group group : identity.createGroupQuery().groupMember(name).list()) {
                if (!wanted.contains(group.getId())) {
                    identity.deleteMembership(name, group.getId());
                }
            }
            wanted.forEach(group -> ensureMembership(name, group));
        });
        QUEUES.forEach(this::ensureQueue);
        onlyTaskWorkOnTasks();
    }

    private void removeGrants(List<Authorization> grants) {
        grants.forEach(grant -> authorizations.deleteAuthorization(grant.getId()));
    }

    /** Earlier versions let Camunda grant UPDATE on tasks to their candidates and assignees: now TASK_WORK. */
    private void onlyTaskWorkOnTasks() {
        for (Authorization grant : authorizations.createAuthorizationQuery().resourceType(Resources.TASK)
                .hasPermission(Permissions.UPDATE).list()) {
            if (grant.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT && !Authorization.ANY.equals(grant.getResourceId())) {
                grant.removePermission(Permissions.UPDATE);
                grant.addPermission(Permissions.READ);
                grant.addPermission(TaskPermissions.TASK_WORK);
                authorizations.saveAuthorization(grant);
            }
        }
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
