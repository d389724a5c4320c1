package health.backline.bench.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A contract user for HTTP Basic, given as {@code user:password}. */
public record Credentials(String user, String password) {

    public static Credentials parse(String userColonPassword) {
        int colon = userColonPassword.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("'" + userColonPassword + "' is not user:password");
        }
        return new Credentials(userColonPassword.substring(0, colon), userColonPassword.substring(colon + 1));
    }

    /** The header value, made once: the client sends it with every request instead of waiting for a 401 first. */
    String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return user + ":***";
    }
}
