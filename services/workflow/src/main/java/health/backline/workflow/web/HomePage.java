package health.backline.workflow.web;

import health.backline.starter.security.Role;
import health.backline.workflow.security.UserRoles;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** After signing in at the workflow's root: administrators watch the dashboard, everyone else works a queue. */
@Controller
class HomePage {

    @GetMapping("/")
    String home(Authentication user) {
        return UserRoles.of(user).contains(Role.ADMIN) ? "redirect:/dashboard" : "redirect:/tasks";
    }
}
