package health.backline.bench.resources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process's CPU time from {@code /proc/<pid>/stat}: its own user and system time (all threads), and that of its
 * children it has already reaped (how PostgreSQL's ended backends stay counted: the postmaster reaps them).
 */
public record ProcStat(long userTicks, long systemTicks, long reapedChildrenTicks) {

    /** Linux reports these in USER_HZ, which is 100 on every architecture the JDK runs on. */
    public static final long TICKS_PER_SECOND = 100;

    public static Optional<ProcStat> of(long pid) {
        try {
            return Optional.of(parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    /**
     * Reads a stat line. The second field, the command name in parentheses, may itself hold spaces and
     * parentheses, so the fields are counted from the last ')': state is field 3, utime 14, stime 15, cutime 16,
     * cstime 17.
     */
    static ProcStat parse(String line) {
        String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split("\\s+");
        return new ProcStat(Long.parseLong(fields[11]), Long.parseLong(fields[12]),
                Long.parseLong(fields[13]) + Long.parseLong(fields[14]));
    }

    public long ownTicks() {
        return userTicks + systemTicks;
    }
}
