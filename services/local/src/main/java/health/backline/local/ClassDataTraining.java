package health.backline.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Run by the build ({@code mvn package}, in services/local) once the service jars are beside the launcher: makes each
 * service's {@link ClassArchive}. Each jar is extracted (Spring Boot's {@code -Djarmode=tools extract}), then started
 * once against a throw-away PostgreSQL and Kafka until its application context is refreshed
 * ({@code -Dspring.context.exit=onRefresh}); the JVM writes the classes it loaded to the archive as it exits
 * ({@code -XX:ArchiveClassesAtExit}).
 *
 * <p>Usage: {@code ClassDataTraining <services directory>}. Exit code 0 when every archive was made.
 */
public final class ClassDataTraining {

    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(4);
    /** Two at a time: one per core. */
    private static final int AT_ONCE = 2;

    private final Path servicesDirectory;
    private final PrintStream out;

    ClassDataTraining(Path servicesDirectory, PrintStream out) {
        this.servicesDirectory = servicesDirectory;
        this.out = out;
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("Usage: ClassDataTraining <services directory>");
            System.exit(2);
        }
        try {
            new ClassDataTraining(Path.of(args[0]).toAbsolutePath().normalize(), System.out).run();
            // Kafka's threads are not daemons.
            System.exit(0);
        } catch (Exception e) {
            System.err.println("Class data archives were not made: " + e.getMessage());
            System.exit(1);
        }
    }

    void run() throws Exception {
        long begin = System.nanoTime();
        List<ServiceCatalog.Service> services = ServiceCatalog.present(servicesDirectory);
        if (services.stream().allMatch(service -> ClassArchive.of(servicesDirectory, service).isUsable())) {
            out.println("Class data archives are up to date with the service jars.");
            return;
        }
        for (ServiceCatalog.Service service : services) {
            extract(ClassArchive.of(servicesDirectory, service));
        }
        Path scratch = Files.createTempDirectory("backline-training");
        try {
            // The services connect as the launcher connects them: Flyway as the owner, each service as its own role.
            DatabasePasswords passwords = DatabasePasswords.loadOrCreate(scratch.resolve("database-passwords.properties"));
            try (LocalPostgres postgres = LocalPostgres.start(scratch.resolve("postgres"), BindAddress.LOOPBACK,
                    freePort(), scratch.resolve("postgres.log"), passwords.superuser());
                 LocalKafka kafka = LocalKafka.start(scratch.resolve("kafka"), BindAddress.LOOPBACK, freePort(), freePort())) {
                ServiceDatabase.prepare(postgres, passwords);
                trainAll(services, service -> new ServiceConnections(kafka.bootstrapServers(), BindAddress.LOOPBACK,
                        postgres.port(), service, passwords));
            }
        } finally {
            Directories.deleteRecursively(scratch);
        }
        out.printf("Class data archives made for %s in %s%n",
                String.join(", ", services.stream().map(ServiceCatalog.Service::name).toList()),
                Banner.seconds(Duration.ofNanos(System.nanoTime() - begin)));
    }

    private void extract(ClassArchive archive) throws IOException, InterruptedException {
        Directories.deleteRecursively(archive.directory());
        List<String> command = List.of(ServiceProcess.javaExecutable(), "-Djarmode=tools", "-jar",
                archive.packagedJar().toString(), "extract", "--destination", archive.directory().toString());
        Path log = archive.directory().resolveSibling(archive.name() + "-extract.log");
        int exit = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start().waitFor();
        if (exit != 0 || !Files.isRegularFile(archive.extractedJar())) {
            throw new IOException("extracting " + archive.packagedJar() + " failed (exit code " + exit + ", log: " + log + ")");
        }
        Files.delete(log);
    }

    private void trainAll(List<ServiceCatalog.Service> services,
                          Function<ServiceCatalog.Service, ServiceConnections> connections) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        try {
            List<Future<?>> trainings = new ArrayList<>();
            for (ServiceCatalog.Service service : services) {
                trainings.add(pool.submit(() -> {
                    train(service, connections.apply(service));
                    return null;
                }));
            }
            for (Future<?> training : trainings) {
                try {
                    training.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void train(ServiceCatalog.Service service, ServiceConnections connections) throws Exception {
        ClassArchive archive = ClassArchive.of(servicesDirectory, service);
        List<String> jvmOptions = new ArrayList<>(JvmOptions.of(service.defaultHeap()));
        jvmOptions.add("-XX:ArchiveClassesAtExit=" + archive.archive());
        jvmOptions.add("-Dspring.context.exit=onRefresh");
        Path log = archive.directory().resolve("training.log");
        long begin = System.nanoTime();
        // Started as the launcher starts it, from the extracted jar: the archive records that class path.
        Process process = ServiceProcess.start(new ServiceProcess.Launch(service.name(), archive.extractedJar(),
                BindAddress.LOOPBACK, freePort(), jvmOptions, connections.arguments(), connections.environment(), log))
                .process();
        if (!process.waitFor(TRAINING_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(service.name() + " did not finish its training run within "
                    + TRAINING_TIMEOUT.toMinutes() + " minutes (log: " + log + ")");
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(archive.archive())) {
            throw new IOException(service.name() + "'s training run failed (exit code " + process.exitValue() + ", log: "
                    + log + ")");
        }
        out.printf("  %s: %s, %,d MiB%n", service.name(), Banner.seconds(Duration.ofNanos(System.nanoTime() - begin)),
                Files.size(archive.archive()) >> 20);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
