package health.backline.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The embedded PostgreSQL's passwords, made once at random and kept ({@code 0600}) in the data directory: one
 * for the {@code postgres} superuser (only the launcher uses it), one for the {@code backline} role the services
 * log in as.
 */
record DatabasePasswords(String superuser, String services) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The passwords kept in {@code file}, made and written there on first use. */
    static DatabasePasswords loadOrCreate(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            Properties kept = new Properties();
            try (Reader in = Files.newBufferedReader(file)) {
                kept.load(in);
            }
            String superuser = kept.getProperty("superuser");
            String services = kept.getProperty("backline");
            if (superuser == null || services == null) {
                throw new IOException(file + " lacks a password: delete the data directory or start with --fresh");
            }
            return new DatabasePasswords(superuser, services);
        }
        DatabasePasswords made = new DatabasePasswords(randomPassword(), randomPassword());
        Properties written = new Properties();
        written.setProperty("superuser", made.superuser());
        written.setProperty("backline", made.services());
        Files.createFile(file);
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        try (Writer out = Files.newBufferedWriter(file)) {
            written.store(out, "PostgreSQL passwords of this Backline data directory (made once, at random)");
        }
        return made;
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
