package health.backline.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code java -jar services/local/target/backline-local.jar}: the whole of Backline on one machine.
 *
 * <p>Exit codes: 0 after {@code --help}, 1 when start-up fails (after stopping whatever had started),
 * 2 for a wrong argument or setting; {@code status} exits 0 when every part is up, 3 otherwise. Once running it
 * stops on Ctrl-C or SIGTERM.
 */
public final class BacklineLocal {

    private BacklineLocal() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        LocalSettings settings;
        try {
            settings = LocalSettings.fromCommandLine(args);
        } catch (LocalSettings.InvalidSettingException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (settings.help()) {
            System.out.print(LocalSettings.usage());
            return;
        }
        if (settings.status()) {
            System.exit(StatusCommand.print(settings.dataDirectory(), System.out));
            return;
        }
        Optional<Path> handOver = TunedJvm.launcherJarToRelaunch();
        if (handOver.isPresent()) {
            System.exit(TunedJvm.relaunch(handOver.get(), args));
            return;
        }
        Path servicesDirectory = settings.servicesDirectory().orElseGet(LauncherLocation::servicesDirectory);
        LocalBackline backline = new LocalBackline(settings, servicesDirectory, System.out, System.err);
        try {
            backline.start();
        } catch (LocalBackline.StartupException e) {
            if (!backline.isStopping()) {
                System.err.println(e.getMessage());
            }
            // Kafka's threads are not daemons: only an explicit exit ends the JVM (and runs the shutdown hook).
            System.exit(1);
        } catch (RuntimeException | Error e) {
            if (DiskFull.causedBy(e)) {
                System.err.println(DiskFull.message(settings.dataDirectory()));
            } else {
                System.err.println("Backline did not start: " + e);
                e.printStackTrace();
            }
            System.exit(1);
        }
        backline.awaitStopped();
    }
}
