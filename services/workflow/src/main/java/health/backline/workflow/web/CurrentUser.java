package health.backline.workflow.web;

import health.backline.starter.security.Role;
import health.backline.workflow.security.UserRoles;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Who is signed in, for the top bar of every workflow page ({@code workflow/layout :: bar}). */
public record CurrentUser(String name, String role, boolean admin, boolean worksQueues) {

    static CurrentUser of(Authentication authentication) {
        Set<Role> roles = UserRoles.of(authentication);
        String role = roles.contains(Role.ADMIN) ? "Administrator"
                : roles.contains(Role.CLINICAL_LEAD) ? "Clinical lead"
                : roles.contains(Role.CLINICIAN) ? "Clinician"
                : roles.contains(Role.SCHEDULER) ? "Scheduler"
                : roles.contains(Role.FRONT_DESK) ? "Front desk" : "";
        boolean works = roles.contains(Role.CLINICIAN) || roles.contains(Role.CLINICAL_LEAD) || roles.contains(Role.SCHEDULER);
        return new CurrentUser(authentication.getName(), role, roles.contains(Role.ADMIN), works);
    }

    @ControllerAdvice(basePackages = "health.backline.workflow")
    static class Advice {

        @ModelAttribute("user")
        CurrentUser user(Authentication authentication) {
            return authentication == null ? null : CurrentUser.of(authentication);
        }
    }
}
