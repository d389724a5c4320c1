package health.backline.bench.resources;

/** CPU seconds one part used during a run, CPU milliseconds per accepted referral, and its PSS at the end, in MiB. */
public record PartUse(String part, int processes, double cpuSeconds, double cpuMsPerReferral, double pssMib) {

    public static final String BACKLINE_TOTAL = "Backline total";
    public static final String MACHINE = "machine (every process)";
}
