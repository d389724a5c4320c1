package health.backline.local;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code java -jar backline-local.jar} starts a JVM with the machine's defaults: on this kind of machine a G1 heap
 * of up to a quarter of the memory, which the in-process Kafka broker fills with garbage (400 MiB at ready). So the
 * launcher starts itself once more in a JVM sized for the work ({@link #OPTIONS}) and waits for it, passing on its
 * exit code; stopping the first (Ctrl-C, SIGTERM) stops the second. Options the user gave come after these, so
 * they win.
 */
final class TunedJvm {

    /** Set on the second JVM, so it does not start a third. */
    static final String MARKER = "backline.launcher.tuned";
    /** As the services' ({@link JvmOptions}), for the same reasons. */
    static final List<String> OPTIONS = List.of("-Xmx256m", "-Xms32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xss512k");

    private TunedJvm() {
    }

    /** The launcher jar, when this JVM was started from it by a user and has not handed over yet. */
    static Optional<Path> launcherJarToRelaunch() {
        if (System.getProperty(MARKER) != null) {
            return Optional.empty();
        }
        Path launcher = LauncherLocation.launcherPath();
        return launcher.getFileName().toString().endsWith(".jar") && Files.isRegularFile(launcher)
                ? Optional.of(launcher) : Optional.empty();
    }

    /** The launcher that started this one, when this is the tuned JVM. */
    static Optional<ProcessHandle> relaunchedBy() {
        return System.getProperty(MARKER) == null ? Optional.empty() : ProcessHandle.current().parent();
    }

    /** Runs the launcher in the tuned JVM and returns its exit code. */
    static int relaunch(Path launcherJar, String[] args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ServiceProcess.javaExecutable());
        command.addAll(OPTIONS);
        command.addAll(userOptions());
        command.add("-D" + MARKER + "=true");
        command.add("-jar");
        command.add(launcherJar.toString());
        command.addAll(List.of(args));
        Process tuned = new ProcessBuilder(command).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            tuned.destroy();
            try {
                tuned.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "backline-stop-tuned"));
        return tuned.waitFor();
    }

    /** The JVM options the user started this JVM with, but agents (a debugger's port would be taken twice). */
    private static List<String> userOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> !option.startsWith("-agentlib") && !option.startsWith("-javaagent"))
                .toList();
    }
}
