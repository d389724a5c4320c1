package health.backline.bench.resources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time the whole machine was busy, from the first line of {@code /proc/stat} (user, nice, system, irq,
 * softirq, steal; not idle or iowait): what Backline and the bench used is set against it, the rest is someone
 * else's (a build, another test run).
 */
public final class MachineCpu {

    private MachineCpu() {
    }

    /** Busy ticks so far, in ticks of {@link ProcStat#TICKS_PER_SECOND}; 0 where {@code /proc/stat} is missing. */
    public static long busyTicks() {
        try {
            return parseBusy(Files.readAllLines(Path.of("/proc/stat")).get(0));
        } catch (IOException | RuntimeException unreadable) {
            return 0;
        }
    }

    static long parseBusy(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        // cpu user nice system idle iowait irq softirq steal ...
        return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                + Long.parseLong(f[7]) + (f.length > 8 ? Long.parseLong(f[8]) : 0);
    }
}
