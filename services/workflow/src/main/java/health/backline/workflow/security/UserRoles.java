package health.backline.workflow.security;

import health.backline.starter.security.Role;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;

/** The contract's roles a signed-in user holds, from Spring Security's {@code ROLE_*} authorities. */
public final class UserRoles {

    private UserRoles() {
    }

    public static Set<Role> of(Authentication user) {
        if (user == null) {
            return Set.of();
        }
        return user.getAuthorities().stream()
                .map(authority -> authority.getAuthority().replaceFirst("^ROLE_", ""))
                .filter(name -> Arrays.stream(Role.values()).anyMatch(role -> role.name().equals(name)))
                .map(Role::valueOf)
                .collect(Collectors.toSet());
    }
}
