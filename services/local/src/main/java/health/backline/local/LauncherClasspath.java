package health.backline.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A command that runs a main class of the launcher's own classpath (Kafka's, say) in a JVM of its own. */
final class LauncherClasspath {

    /** Spring Boot's launcher that runs any main class ({@code loader.main}) of a repackaged jar's classes. */
    static final String JAR_MAIN_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    private LauncherClasspath() {
    }

    /**
     * {@code java <jvmOptions> -cp <launcher jar> -Dloader.main=<mainClass> PropertiesLauncher <args>} from the
     * launcher jar, whose classes are nested in it; {@code java <jvmOptions> -cp <this classpath> <mainClass> <args>}
     * from classes (an IDE, the tests).
     */
    static List<String> command(List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ServiceProcess.javaExecutable());
        command.addAll(jvmOptions);
        Path launcher = LauncherLocation.launcherPath();
        if (launcher.getFileName().toString().endsWith(".jar") && Files.isRegularFile(launcher)) {
            command.addAll(List.of("-cp", launcher.toString(), "-Dloader.main=" + mainClass, JAR_MAIN_LAUNCHER));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        }
        command.addAll(args);
        return command;
    }
}
