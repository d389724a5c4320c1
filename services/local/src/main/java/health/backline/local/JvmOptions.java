package health.backline.local;

import java.util.ArrayList;
import java.util.List;

/** How the launcher (and the build's training runs) start each service's JVM. See docs/adr/0011-embedded-default.md. */
final class JvmOptions {

    private JvmOptions() {
    }

    /**
     * <ul>
     * <li>the heap, starting small and growing as needed;</li>
     * <li>the serial collector: four service JVMs share two cores, and for heaps of a few hundred MiB it costs the
     *     least CPU and memory (G1's concurrent threads and remembered sets buy nothing at this size);</li>
     * <li>the quick (C1) compiler only: on two cores shared by five JVMs, C2's profiling and compiling cost more than
     *     they give back. Measured: ready in 21 s instead of 33 s, and 75 instead of 91 ms of CPU per referral over
     *     the first 1,500 referrals (ADR 11);</li>
     * <li>smaller thread stacks (no deep recursion here);</li>
     * <li>an exit on running out of memory: a JVM that limps on after an {@code OutOfMemoryError} serves nothing well,
     *     while one that exits is restarted by the launcher.</li>
     * </ul>
     */
    static List<String> of(String heap) {
        return List.of("-Xmx" + heap, "-Xms32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                "-XX:+ExitOnOutOfMemoryError");
    }

    /** As {@link #of(String)}, mapping the service's class data archive when the build made one. */
    static List<String> of(String heap, ClassArchive archive) {
        List<String> options = new ArrayList<>(of(heap));
        options.addAll(archive.jvmOptions());
        return List.copyOf(options);
    }
}
