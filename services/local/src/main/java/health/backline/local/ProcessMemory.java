package health.backline.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Resident (RSS) and proportional (PSS) memory of processes, from Linux's {@code /proc/<pid>/smaps_rollup}. PSS
 * shares pages among the processes that map them, so PostgreSQL's shared buffers count once, not once per
 * backend as in RSS; sums of PSS add up to what the machine really spends.
 */
record ProcessMemory(long rssKib, long pssKib) {

    static final ProcessMemory NONE = new ProcessMemory(0, 0);

    /** A process's memory, or empty where the system does not tell (not Linux, the process gone). */
    static Optional<ProcessMemory> of(long pid) {
        Path rollup = Path.of("/proc", String.valueOf(pid), "smaps_rollup");
        try {
            List<String> lines = Files.readAllLines(rollup);
            return Optional.of(new ProcessMemory(field(lines, "Rss:"), field(lines, "Pss:")));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** A process and every process it started (PostgreSQL's postmaster and its backends). */
    static ProcessMemory ofTree(long pid) {
        ProcessMemory total = of(pid).orElse(NONE);
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return total;
        }
        return handle.get().descendants()
                .map(child -> of(child.pid()).orElse(NONE))
                .reduce(total, ProcessMemory::plus);
    }

    ProcessMemory plus(ProcessMemory other) {
        return new ProcessMemory(rssKib + other.rssKib, pssKib + other.pssKib);
    }

    static String mib(long kib) {
        return String.format(java.util.Locale.ROOT, "%,d MiB", Math.round(kib / 1024.0));
    }

    private static long field(List<String> lines, String name) {
        return lines.stream()
                .filter(line -> line.startsWith(name))
                .map(line -> line.substring(name.length()).replace("kB", "").strip())
                .mapToLong(Long::parseLong)
                .findFirst()
                .orElse(0);
    }
}
