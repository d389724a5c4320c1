package health.backline.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A service's class data sharing (AppCDS) archive, made by the build ({@link ClassDataTraining}): the service jar
 * extracted beside the packaged one ({@code services/<name>/backline-<name>.jar} and its {@code lib/}), and the
 * classes a start loads, parsed and verified once, in {@code services/<name>/<name>.jsa}. A JVM that maps the archive
 * skips most of that work at every start.
 */
record ClassArchive(Path packagedJar, Path directory, String name) {

    static ClassArchive of(Path servicesDirectory, ServiceCatalog.Service service) {
        return new ClassArchive(servicesDirectory.resolve(service.jarName()), servicesDirectory.resolve(service.name()),
                service.name());
    }

    /** The extracted jar: its manifest names the libraries in {@code lib/}, so the JVM loads them as plain files. */
    Path extractedJar() {
        return directory.resolve(packagedJar.getFileName());
    }

    Path archive() {
        return directory.resolve(name + ".jsa");
    }

    /** Whether the archive exists and was made from the jar as it is now (a newer build invalidates it). */
    boolean isUsable() {
        try {
            return Files.isRegularFile(extractedJar()) && Files.isRegularFile(archive())
                    && !Files.getLastModifiedTime(archive()).toInstant()
                    .isBefore(Files.getLastModifiedTime(packagedJar).toInstant());
        } catch (IOException unreadable) {
            return false;
        }
    }

    /** The jar to run: the extracted one with its archive, or the packaged one without. */
    Path jarToRun() {
        return isUsable() ? extractedJar() : packagedJar;
    }

    /** The JVM options that map the archive, when it is usable. */
    List<String> jvmOptions() {
        return isUsable() ? List.of("-XX:SharedArchiveFile=" + archive()) : List.of();
    }
}
