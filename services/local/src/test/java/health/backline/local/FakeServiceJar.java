package health.backline.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Writes an executable jar of {@link FakeService} under any name, e.g. {@code backline-intake.jar}. */
final class FakeServiceJar {

    private FakeServiceJar() {
    }

    static Path write(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        Path classes = classesDirectory();
        String packagePath = FakeService.class.getPackageName().replace('.', '/');
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> candidates = Files.list(classes.resolve(packagePath))) {
            List<Path> classFiles = candidates
                    .filter(path -> path.getFileName().toString().startsWith(FakeService.class.getSimpleName()))
                    .toList();
            for (Path classFile : classFiles) {
                out.putNextEntry(new JarEntry(packagePath + "/" + classFile.getFileName()));
                out.write(Files.readAllBytes(classFile));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static Path classesDirectory() throws IOException {
        try {
            return Path.of(FakeService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }
}
