package health.backline.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one directory that holds everything the launcher keeps: PostgreSQL's data and password, Kafka's logs
 * (which hold patient names), the services' logs. Only its owner may enter it ({@code 0700}). A marker file
 * makes it recognisable, so {@code --fresh} never wipes a directory the launcher did not create (a mistyped
 * {@code --data-dir ~} stays harmless), and a layout number tells a directory an earlier, incompatible launcher
 * made.
 */
public final class DataDirectory {

    static final String MARKER = "BACKLINE-DATA-DIRECTORY";
    static final String LAYOUT_FILE = "layout";
    /** 2: PostgreSQL asks for passwords (scram-sha-256), kept in the directory. */
    static final int LAYOUT = 2;
    static final String POSTGRES_MAJOR = "17";
    /** Less free space than this at start is refused: PostgreSQL, Kafka and the logs need room to grow. */
    static final long MINIMUM_FREE_BYTES = 1024L * 1024 * 1024;

    /** A directory an earlier launcher made, which this one cannot use. */
    static final class IncompatibleException extends IOException {
        IncompatibleException(Path root, String why) {
            super("The data directory " + root + " was made by an earlier Backline (" + why + "). Start with --fresh"
                    + " to wipe it (the referrals in it are lost), or choose another with --data-dir.");
        }
    }

    private final Path root;

    private DataDirectory(Path root) {
        this.root = root;
    }

    /**
     * Locks an existing data directory for this launcher, after checking it is Backline's.
     *
     * @return empty when there is no directory yet ({@link #prepare} makes and locks it)
     */
    static Optional<LauncherLock> lockExisting(Path root) throws IOException, LauncherLock.HeldException {
        Path absolute = root.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            return Optional.empty();
        }
        requireOurs(absolute);
        return Optional.of(LauncherLock.acquire(absolute));
    }

    /**
     * Creates the directory ({@code 0700}) and locks it unless {@code lock} already holds it; wipes it first when
     * {@code fresh}; refuses a directory of an earlier layout and a disk without room.
     */
    static Prepared prepare(Path root, boolean fresh, Optional<LauncherLock> lock)
            throws IOException, LauncherLock.HeldException {
        Path absolute = root.toAbsolutePath().normalize();
        if (Files.exists(absolute)) {
            requireOurs(absolute);
        }
        Files.createDirectories(absolute);
        LauncherLock held = lock.isPresent() ? lock.get() : LauncherLock.acquire(absolute);
        try {
            restrictToOwner(absolute);
            if (fresh) {
                deleteContents(absolute);
            }
            requireCompatible(absolute);
            requireFreeSpace(absolute);
            Path marker = absolute.resolve(MARKER);
            if (!Files.exists(marker)) {
                Files.writeString(marker, "Backline keeps its embedded PostgreSQL, Kafka and logs here."
                        + " Delete the directory (or start with --fresh) to start from nothing.\n");
                Files.writeString(absolute.resolve(LAYOUT_FILE), LAYOUT + "\n");
            }
            DataDirectory directory = new DataDirectory(absolute);
            Files.createDirectories(directory.logs());
            return new Prepared(directory, held);
        } catch (IOException | RuntimeException e) {
            held.close();
            throw e;
        }
    }

    /** A prepared directory and the lock that keeps other launchers out of it. */
    record Prepared(DataDirectory directory, LauncherLock lock) {
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

    /** The cluster profile's Kafka nodes (beside the single broker's, which it leaves alone). */
    public Path kafkaCluster() {
        return root.resolve("kafka-cluster");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    /** PostgreSQL's generated passwords. */
    public Path databasePasswords() {
        return root.resolve("database-passwords.properties");
    }

    /** The message for a disk with too little room, or empty when there is enough. */
    static Optional<String> lowSpace(Path directory, long usableBytes, long neededBytes) {
        if (usableBytes >= neededBytes) {
            return Optional.empty();
        }
        return Optional.of("Disk full: " + directory + " has " + ProcessMemory.mib(usableBytes / 1024) + " free, and"
                + " Backline needs at least " + ProcessMemory.mib(neededBytes / 1024) + " for its database, Kafka and"
                + " logs. Free some space, or choose a data directory on another disk with --data-dir.");
    }

    private static void requireFreeSpace(Path directory) throws IOException {
        Optional<String> low = lowSpace(directory, Files.getFileStore(directory).getUsableSpace(), MINIMUM_FREE_BYTES);
        if (low.isPresent()) {
            throw new IOException(low.get());
        }
    }

    private static void requireCompatible(Path directory) throws IOException {
        if (!Files.exists(directory.resolve(MARKER))) {
            return;
        }
        Path layoutFile = directory.resolve(LAYOUT_FILE);
        String layout = Files.isRegularFile(layoutFile) ? Files.readString(layoutFile).strip() : "1";
        if (!layout.equals(String.valueOf(LAYOUT))) {
            throw new IncompatibleException(directory, "layout " + layout + ", this one needs " + LAYOUT);
        }
        Path postgresVersion = directory.resolve("postgres").resolve("PG_VERSION");
        if (Files.isRegularFile(postgresVersion)) {
            String major = Files.readString(postgresVersion).strip();
            if (!major.equals(POSTGRES_MAJOR)) {
                throw new IncompatibleException(directory, "PostgreSQL " + major + ", this one runs " + POSTGRES_MAJOR);
            }
        }
    }

    private static void restrictToOwner(Path directory) throws IOException {
        if (Files.getFileStore(directory).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static void requireOurs(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException(directory + " is not a directory");
        }
        if (Files.exists(directory.resolve(MARKER))) {
            return;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            if (entries.anyMatch(entry -> !entry.getFileName().toString().equals(LauncherLock.FILE_NAME))) {
                throw new IOException("Refusing to use " + directory + " as the data directory: it is not empty and"
                        + " not a Backline data directory (no " + MARKER + " file). Choose another with --data-dir.");
            }
        }
    }

    /** Everything inside but the lock, which this launcher holds. */
    private static void deleteContents(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.filter(e -> !e.getFileName().toString().equals(LauncherLock.FILE_NAME)).toList()) {
                Directories.deleteRecursively(entry);
            }
        }
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
