package health.backline.starter.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page every service with pages shows (template {@code backline/login.html}). */
@Controller
public class LoginPage {

    @GetMapping("/login")
    String login() {
        return "backline/login";
    }
}
