package health.backline.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The embedded PostgreSQL's passwords, made once at random and kept ({@code 0600}) in the data directory, keyed by
 * role: {@code superuser} for {@code postgres} (only the launcher uses it), {@code backline} for the owner of the
 * database and of every service's schemas (Flyway migrates as it), and one per service's runtime role
 * ({@code intake_runtime}...), which the service runs as (ADR 13).
 */
record DatabasePasswords(String superuser, String owner, Map<String, String> runtimeRoles) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SUPERUSER = "superuser";

    /**
     * The passwords kept in {@code file}, made and written there on first use. A file of an earlier launcher, made
     * before the services had runtime roles, gets theirs added.
     */
    static DatabasePasswords loadOrCreate(Path file) throws IOException {
        Properties kept = new Properties();
        boolean existed = Files.isRegularFile(file);
        if (existed) {
            try (Reader in = Files.newBufferedReader(file)) {
                kept.load(in);
            }
            if (kept.getProperty(SUPERUSER) == null || kept.getProperty(ServiceDatabase.OWNER) == null) {
                throw new IOException(file + " lacks a password: delete the data directory or start with --fresh");
            }
        } else {
            kept.setProperty(SUPERUSER, randomPassword());
            kept.setProperty(ServiceDatabase.OWNER, randomPassword());
        }
        boolean added = false;
        for (ServiceCatalog.Service service : ServiceCatalog.ALL) {
            if (kept.getProperty(service.databaseRole()) == null) {
                kept.setProperty(service.databaseRole(), randomPassword());
                added = true;
            }
        }
        if (!existed || added) {
            write(kept, file);
        }
        return new DatabasePasswords(kept.getProperty(SUPERUSER), kept.getProperty(ServiceDatabase.OWNER),
                ServiceCatalog.ALL.stream().map(ServiceCatalog.Service::databaseRole)
                        .collect(Collectors.toUnmodifiableMap(role -> role, kept::getProperty)));
    }

    /** The password of the role {@code service} runs as. */
    String runtime(ServiceCatalog.Service service) {
        return runtimeRoles.get(service.databaseRole());
    }

    /** Whole or not at all: a file cut short would lose the superuser's password, which nothing can make again. */
    private static void write(Properties passwords, Path file) throws IOException {
        Path next = Files.createTempFile(file.toAbsolutePath().getParent(), ".database-passwords", ".tmp");
        try {
            if (Files.getFileStore(next).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rw-------"));
            }
            try (Writer out = Files.newBufferedWriter(next)) {
                passwords.store(out, "PostgreSQL passwords of this Backline data directory (made once, at random)");
            }
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(next);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "DatabasePasswords[hidden]";
    }
}
