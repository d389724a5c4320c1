package health.backline.local;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * Where the launcher runs from, and so where the service jars are: {@code services/} beside the launcher jar
 * ({@code target/backline-local.jar} → {@code target/services/}). Run from classes (an IDE, the tests), the
 * classes directory stands in for the jar ({@code target/classes} → {@code target/services/}).
 */
final class LauncherLocation {

    private LauncherLocation() {
    }

    static Path servicesDirectory() {
        return launcherPath().toAbsolutePath().getParent().resolve("services");
    }

    /**
     * Where PostgreSQL's binaries are unpacked: beside the launcher ({@code target/postgres-binaries/}), where the
     * build's training run ({@link ClassDataTraining}) unpacks them once, so a first start does not spend seconds of
     * CPU on it; the temporary directory, as zonky does by default, where the launcher's directory is read-only.
     */
    static Optional<Path> postgresBinaries() {
        Path directory = launcherPath().toAbsolutePath().getParent().resolve("postgres-binaries");
        try {
            Files.createDirectories(directory);
            return Files.isWritable(directory) ? Optional.of(directory) : Optional.empty();
        } catch (IOException | SecurityException readOnly) {
            return Optional.empty();
        }
    }

    /** The launcher jar, or the directory of its classes. */
    static Path launcherPath() {
        CodeSource source = BacklineLocal.class.getProtectionDomain().getCodeSource();
        if (source != null && source.getLocation() != null) {
            return pathOf(source.getLocation().toString());
        }
        return Path.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0]);
    }

    /**
     * The file behind a code source location:
     * {@code file:/x/target/classes/}, {@code jar:file:/x/a.jar!/...} or, in a Spring Boot jar,
     * {@code jar:nested:/x/a.jar/!BOOT-INF/classes/!/}.
     */
    static Path pathOf(String location) {
        String rest = location.startsWith("jar:") ? location.substring("jar:".length()) : location;
        if (rest.startsWith("nested:")) {
            String path = rest.substring("nested:".length());
            int nestedEntry = path.indexOf("/!");
            return fromUriPath(nestedEntry >= 0 ? path.substring(0, nestedEntry) : path);
        }
        int entry = rest.indexOf("!/");
        if (entry >= 0) {
            rest = rest.substring(0, entry);
        }
        try {
            return Path.of(new URI(rest));
        } catch (URISyntaxException | IllegalArgumentException notAUri) {
            return Path.of(rest.startsWith("file:") ? rest.substring("file:".length()) : rest);
        }
    }

    /** A path as it appears in a URL: percent-escaped, or (written by hand) not. */
    private static Path fromUriPath(String path) {
        try {
            return Path.of(new URI("file:" + path));
        } catch (URISyntaxException | IllegalArgumentException raw) {
            return Path.of(path);
        }
    }
}
