package health.backline.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * One launcher per data directory: an operating-system lock on {@code <data-dir>/backline.lock}, held for the
 * launcher's life and released by the system however it ends (even {@code kill -9}). The file holds the pid, so
 * a second launcher can say who holds it.
 */
final class LauncherLock implements AutoCloseable {

    static final String FILE_NAME = "backline.lock";

    /** The data directory is in use by another launcher, whose pid is known when it could be read. */
    static final class HeldException extends Exception {
        private final OptionalLong holder;

        HeldException(OptionalLong holder) {
            super("held");
            this.holder = holder;
        }

        OptionalLong holder() {
            return holder;
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private LauncherLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of an existing directory, writing this process's pid into it. */
    static LauncherLock acquire(Path dataDirectory) throws IOException, HeldException {
        Path file = dataDirectory.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldByThisJvm) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new HeldException(holderOf(file));
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(false);
        return new LauncherLock(channel, lock);
    }

    private static OptionalLong holderOf(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return pid.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(pid));
        } catch (IOException | NumberFormatException unreadable) {
            return OptionalLong.empty();
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
