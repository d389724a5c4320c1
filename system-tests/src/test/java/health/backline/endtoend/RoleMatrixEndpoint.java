package health.backline.endtoend;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One line of {@code role-matrix.txt}: an endpoint of one service, who may call it and how it is reached.
 * The file's header explains the columns.
 */
record RoleMatrixEndpoint(String service, String method, String path, Access access, Kind kind, String body) {

    static final List<String> SERVICES = List.of("intake", "triage", "workflow", "scheduling");
    static final List<String> ROLES = List.of("frontdesk", "clinician", "lead", "scheduler", "admin");

    enum Kind {
        API, PAGE, CAMUNDA, CAMUNDA_LOGIN;

        static Kind named(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /** Who may call: the listed roles, or one of the words of the file's header. */
    record Access(Set<String> roles, String word) {

        static Access parse(String text) {
            return switch (text) {
                case "anyone", "none", "unexposed" -> new Access(Set.of(), text);
                case "signed-in" -> new Access(Set.copyOf(ROLES), text);
                default -> {
                    Set<String> roles = Set.of(text.split(","));
                    if (!ROLES.containsAll(roles)) {
                        throw new IllegalArgumentException("Unknown role in '" + text + "': the roles are " + ROLES);
                    }
                    yield new Access(roles, null);
                }
            };
        }

        boolean open() {
            return "anyone".equals(word);
        }

        boolean unexposed() {
            return "unexposed".equals(word);
        }

        boolean allows(String role) {
            return open() || roles.contains(role);
        }
    }

    /** Every endpoint of the file, a line for every service where it says {@code *}. */
    static List<RoleMatrixEndpoint> load(String resource) {
        InputStream in = RoleMatrixEndpoint.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is not on the test class path");
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<RoleMatrixEndpoint> endpoints = new ArrayList<>();
            for (String line : lines.lines().map(String::strip).toList()) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    endpoints.addAll(parse(line));
                }
            }
            return endpoints;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<RoleMatrixEndpoint> parse(String line) {
        String[] columns = line.split("\\s+", 6);
        if (columns.length < 5) {
            throw new IllegalArgumentException("Not 'service METHOD path access kind [body]': " + line);
        }
        List<String> services = columns[0].equals("*") ? SERVICES : List.of(columns[0]);
        if (!SERVICES.containsAll(services)) {
            throw new IllegalArgumentException("Unknown service in: " + line);
        }
        Access access = Access.parse(columns[3]);
        Kind kind = Kind.named(columns[4]);
        String body = columns.length == 6 ? columns[5] : "";
        return services.stream()
                .map(service -> new RoleMatrixEndpoint(service, columns[1], columns[2], access, kind, body))
                .toList();
    }

    @Override
    public String toString() {
        return method + " " + service + " " + path;
    }
}
