package health.backline.local;

import java.util.List;

/** How the launcher runs each service's JVM. */
final class JvmOptions {

    private JvmOptions() {
    }

    /**
     * The heap, and an exit on running out of memory: a JVM that limps on after an {@code OutOfMemoryError}
     * serves nothing well, while one that exits is restarted by the launcher.
     */
    static List<String> of(String heap) {
        return List.of("-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError");
    }
}
