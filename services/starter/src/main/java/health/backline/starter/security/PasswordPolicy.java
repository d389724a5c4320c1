package health.backline.starter.security;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a password outside the embedded default must be: at least 12 characters, not the user's name and not a
 * known placeholder (compared case-insensitively, so {@code Admin} is {@code admin}).
 */
final class PasswordPolicy {

    static final int SHORTEST = 12;

    /** Every {@code change-me-...} value of {@code .env.example}, and what people type when asked for a password. */
    private static final String ENV_EXAMPLE_PLACEHOLDER = "change-me";
    private static final Set<String> PLACEHOLDERS = Set.of("backline", "admin", "administrator", "password",
            "passw0rd", "postgres", "secret", "changeme", "letmein", "123456789012", "password1234");

    private PasswordPolicy() {
    }

    /** Why the password may not be used, if it may not. */
    static Optional<String> weakness(String user, String password) {
        if (password == null || password.isBlank()) {
            return Optional.of("is empty");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (lower.startsWith(ENV_EXAMPLE_PLACEHOLDER) || PLACEHOLDERS.contains(lower)) {
            return Optional.of("is a known placeholder");
        }
        if (user != null && lower.equals(user.toLowerCase(Locale.ROOT))) {
            return Optional.of("is the user name");
        }
        if (password.length() < SHORTEST) {
            return Optional.of("is shorter than " + SHORTEST + " characters");
        }
        return Optional.empty();
    }
}
