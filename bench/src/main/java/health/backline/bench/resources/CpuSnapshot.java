package health.backline.bench.resources;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CPU ticks of each part of Backline, of the bench's own JVM and of the whole machine, at one moment. */
public record CpuSnapshot(Map<String, Long> partTicks, long benchTicks, long machineBusyTicks) {

    public static final String BENCH = "bench (this JVM)";

    public static CpuSnapshot take(List<ProcessGroup> parts) {
        Map<String, Long> ticks = new LinkedHashMap<>();
        parts.forEach(part -> ticks.put(part.name(), part.cpuTicks()));
        long bench = ProcStat.of(ProcessHandle.current().pid()).map(ProcStat::ownTicks).orElse(0L);
        return new CpuSnapshot(ticks, bench, MachineCpu.busyTicks());
    }

    /**
     * What each part used from {@code before} to this snapshot, with its memory now, per referral too: Backline's
     * parts, their total, the bench, and the machine as a whole (so what was neither shows as the difference).
     */
    public List<PartUse> since(CpuSnapshot before, List<ProcessGroup> parts, int referrals) {
        List<PartUse> uses = new ArrayList<>();
        double backlineSeconds = 0;
        long backlinePss = 0;
        for (ProcessGroup part : parts) {
            double seconds = seconds(partTicks.getOrDefault(part.name(), 0L) - before.partTicks.getOrDefault(part.name(), 0L));
            long pss = part.pssKib();
            uses.add(new PartUse(part.name(), part.processCount(), seconds, perReferral(seconds, referrals), pss / 1024.0));
            backlineSeconds += seconds;
            backlinePss += pss;
        }
        if (!parts.isEmpty()) {
            uses.add(new PartUse(PartUse.BACKLINE_TOTAL, uses.stream().mapToInt(PartUse::processes).sum(),
                    backlineSeconds, perReferral(backlineSeconds, referrals), backlinePss / 1024.0));
        }
        double bench = seconds(benchTicks - before.benchTicks);
        uses.add(new PartUse(BENCH, 1, bench, perReferral(bench, referrals),
                new ProcessGroup(BENCH, List.of(ProcessHandle.current().pid()), false).pssKib() / 1024.0));
        double machine = seconds(machineBusyTicks - before.machineBusyTicks);
        uses.add(new PartUse(PartUse.MACHINE, 0, machine, perReferral(machine, referrals), Double.NaN));
        return uses;
    }

    private static double seconds(long ticks) {
        return ticks / (double) ProcStat.TICKS_PER_SECOND;
    }

    private static double perReferral(double seconds, int referrals) {
        return referrals == 0 ? Double.NaN : seconds * 1000 / referrals;
    }
}
