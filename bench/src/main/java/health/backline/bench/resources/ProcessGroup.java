package health.backline.bench.resources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * One part of Backline as the bench accounts for it: one or more processes, for PostgreSQL with every process
 * the postmaster started (backends, autovacuum, WAL writer ...) and the CPU of those it has already reaped.
 */
public record ProcessGroup(String name, List<Long> pids, boolean withChildren) {

    public ProcessGroup {
        pids = List.copyOf(pids);
    }

    /** CPU seconds used so far by the group, in ticks of {@link ProcStat#TICKS_PER_SECOND}. */
    public long cpuTicks() {
        long ticks = 0;
        for (long pid : pids) {
            Optional<ProcStat> stat = ProcStat.of(pid);
            ticks += stat.map(ProcStat::ownTicks).orElse(0L);
            if (withChildren) {
                ticks += stat.map(ProcStat::reapedChildrenTicks).orElse(0L);
                ticks += children(pid).map(child -> ProcStat.of(child).map(ProcStat::ownTicks).orElse(0L)).sum();
            }
        }
        return ticks;
    }

    /** Proportional set size, in KiB: shared pages (PostgreSQL's shared buffers) shared out, not counted per process. */
    public long pssKib() {
        return allPids().map(ProcessGroup::pssKib).sum();
    }

    public int processCount() {
        return (int) allPids().filter(pid -> Files.exists(Path.of("/proc", Long.toString(pid)))).count();
    }

    private LongStream allPids() {
        return pids.stream().flatMapToLong(pid -> withChildren
                ? LongStream.concat(LongStream.of(pid), children(pid)) : LongStream.of(pid));
    }

    private static LongStream children(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::descendants).orElseGet(Stream::empty)
                .mapToLong(ProcessHandle::pid);
    }

    private static long pssKib(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
            return lines.filter(line -> line.startsWith("Pss:"))
                    .mapToLong(line -> Long.parseLong(line.substring(4).replace("kB", "").strip()))
                    .findFirst().orElse(0);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
