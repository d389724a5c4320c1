package health.backline.local;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * The one directory that holds everything the launcher keeps: PostgreSQL's data, Kafka's logs, the
 * services' logs. A marker file makes it recognisable, so {@code --fresh} never wipes a directory the
 * launcher did not create (a mistyped {@code --data-dir ~} stays harmless).
 */
public final class DataDirectory {

    static final String MARKER = "BACKLINE-DATA-DIRECTORY";

    private final Path root;

    private DataDirectory(Path root) {
        this.root = root;
    }

    /** Creates the directory (wiping it first when {@code fresh}) and marks it as Backline's. */
    public static DataDirectory prepare(Path root, boolean fresh) throws IOException {
        Path absolute = root.toAbsolutePath().normalize();
        if (Files.exists(absolute)) {
            requireOurs(absolute);
            if (fresh) {
                deleteRecursively(absolute);
            }
        }
        Files.createDirectories(absolute);
        Path marker = absolute.resolve(MARKER);
        if (!Files.exists(marker)) {
            Files.writeString(marker, "Backline keeps its embedded PostgreSQL, Kafka and logs here."
                    + " Delete the directory (or start with --fresh) to start from nothing.\n");
        }
        DataDirectory directory = new DataDirectory(absolute);
        Files.createDirectories(directory.logs());
        return directory;
    }

    public Path root() {
        return root;
    }

    public Path postgres() {
        return root.resolve("postgres");
    }

    public Path kafka() {
        return root.resolve("kafka");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    private static void requireOurs(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException(directory + " is not a directory");
        }
        if (Files.exists(directory.resolve(MARKER))) {
            return;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            if (entries.findAny().isPresent()) {
                throw new IOException("Refusing to use " + directory + " as the data directory: it is not empty and"
                        + " not a Backline data directory (no " + MARKER + " file). Choose another with --data-dir.");
            }
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
