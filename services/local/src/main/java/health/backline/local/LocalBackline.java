package health.backline.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * The whole local Backline: checks, then PostgreSQL, Kafka and the services in that order, and stops them in
 * the reverse order (services, Kafka, PostgreSQL) from a shutdown hook, whether start-up finished or not.
 */
final class LocalBackline {

    static final String DATABASE = "backline";
    static final String DATABASE_USER = "backline";
    static final String DATABASE_PASSWORD = "backline";

    /** A problem the user can fix, such as a busy port; the message is what to print. */
    static final class StartupException extends Exception {
        StartupException(String message) {
            super(message);
        }
    }

    private final LocalSettings settings;
    private final Path servicesDirectory;
    private final PrintStream out;
    private final PrintStream err;

    /** Held while something is being started, so a stop waits for it instead of missing it. */
    private final ReentrantLock starting = new ReentrantLock();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;

    private volatile PidFile pidFile;
    private volatile LocalPostgres postgres;
    private volatile LocalKafka kafka;
    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();

    LocalBackline(LocalSettings settings, Path servicesDirectory, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.servicesDirectory = servicesDirectory;
        this.out = out;
        this.err = err;
    }

    /** Starts everything and prints the banner; registers the shutdown hook that stops it all. */
    void start() throws StartupException, InterruptedException {
        long started = System.nanoTime();
        List<ServiceCatalog.Service> toStart = servicesToStart();
        refuseLeftovers();
        refuseBusyPorts(toStart);
        DataDirectory data = prepareDataDirectory();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "backline-stop"));

        startPostgres(data);
        startKafka(data);
        startServices(toStart, data);
        awaitHealthy();

        out.print(Banner.render(Duration.ofNanos(System.nanoTime() - started), settings,
                toStart, kafka.bootstrapServers(), postgres.jdbcUrl(DATABASE), data.logs()));
        out.flush();
        services.forEach(this::reportUnexpectedExit);
    }

    boolean isStopping() {
        return stopping;
    }

    /** Blocks until {@link #stop()} has finished. */
    void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    private List<ServiceCatalog.Service> servicesToStart() throws StartupException {
        if (!settings.startServices()) {
            return List.of();
        }
        List<ServiceCatalog.Service> present = ServiceCatalog.present(servicesDirectory);
        if (present.isEmpty()) {
            String expected = ServiceCatalog.ALL.stream().map(ServiceCatalog.Service::jarName)
                    .collect(Collectors.joining(", "));
            throw new StartupException("No service jars in " + servicesDirectory + " (looked for " + expected + ")."
                    + " Build them first with `mvn -q -DskipTests package` from the repository root,"
                    + " or start only PostgreSQL and Kafka with --no-services.");
        }
        return present;
    }

    private void refuseLeftovers() throws StartupException {
        List<String> problems = new ArrayList<>();
        for (PidFile.Entry entry : new PidFile(settings.dataDirectory()).stillRunning()) {
            if (entry.name().equals(PidFile.LAUNCHER)) {
                throw new StartupException("Backline already runs from " + settings.dataDirectory() + " (pid "
                        + entry.pid() + "): stop it first (Ctrl-C in its terminal, or kill " + entry.pid() + ").");
            }
            problems.add(entry.name() + " from an earlier run still runs (pid " + entry.pid() + "): stop it with `kill "
                    + entry.pid() + "`, then start again.");
        }
        Path postgresData = settings.dataDirectory().resolve("postgres");
        LocalPostgres.runningServer(postgresData).ifPresent(pid -> problems.add("PostgreSQL from an earlier run still"
                + " runs on " + postgresData + " (pid " + pid + "): stop it with `kill -INT " + pid + "`, then start again."));
        if (!problems.isEmpty()) {
            throw new StartupException(String.join("\n", problems));
        }
    }

    private void refuseBusyPorts(List<ServiceCatalog.Service> toStart) throws StartupException {
        List<PortCheck.PortUse> busy = PortCheck.inUse(settings.portUses(toStart));
        if (!busy.isEmpty()) {
            throw new StartupException(busy.stream().map(PortCheck.PortUse::inUseMessage)
                    .collect(Collectors.joining("\n")));
        }
    }

    private DataDirectory prepareDataDirectory() throws StartupException {
        try {
            DataDirectory data = DataDirectory.prepare(settings.dataDirectory(), settings.fresh());
            out.println("Data directory " + data + (settings.fresh() ? " (wiped: --fresh)" : ""));
            pidFile = new PidFile(data.root());
            return data;
        } catch (IOException e) {
            throw new StartupException(e.getMessage());
        }
    }

    private void startPostgres(DataDirectory data) throws StartupException {
        out.println("Starting PostgreSQL on " + LocalPostgres.HOST + ":" + settings.postgresPort() + " ...");
        Path log = data.logs().resolve("postgres.log");
        starting.lock();
        try {
            requireNotStopping();
            postgres = LocalPostgres.start(data.postgres(), settings.postgresPort(), log);
            postgres.ensureDatabase(DATABASE, DATABASE_USER, DATABASE_PASSWORD);
        } catch (Exception e) {
            throw new StartupException("PostgreSQL did not start: " + e.getMessage() + " (log: " + log + ")");
        } finally {
            starting.unlock();
        }
        out.println("PostgreSQL ready in " + Banner.seconds(postgres.startupTime()));
    }

    private void startKafka(DataDirectory data) throws StartupException {
        out.println("Starting Kafka on " + LocalKafka.HOST + ":" + settings.kafkaPort() + " ...");
        starting.lock();
        try {
            requireNotStopping();
            kafka = LocalKafka.start(data.kafka(), settings.kafkaPort(), settings.kafkaControllerPort());
        } catch (StartupException e) {
            throw e;
        } catch (Exception e) {
            throw new StartupException("Kafka did not start: " + e);
        } finally {
            starting.unlock();
        }
        out.println("Kafka ready in " + Banner.seconds(kafka.startupTime()) + " (cluster " + kafka.clusterId()
                + (kafka.formattedStorage() ? ", new storage)" : ", existing storage)"));
    }

    private void startServices(List<ServiceCatalog.Service> toStart, DataDirectory data) throws StartupException {
        List<PidFile.Entry> pids = new ArrayList<>();
        pids.add(new PidFile.Entry(PidFile.LAUNCHER, ProcessHandle.current().pid(), "java"));
        for (ServiceCatalog.Service service : toStart) {
            starting.lock();
            try {
                requireNotStopping();
                ServiceProcess process = ServiceProcess.start(service.name(), servicesDirectory.resolve(service.jarName()),
                        settings.portOf(service), serviceArguments(), data.logs().resolve(service.name() + ".log"),
                        settings.heapOf(service));
                services.add(process);
                pids.add(new PidFile.Entry(service.name(), process.pid(), service.jarName()));
                out.println("Starting " + service.name() + " on port " + process.port() + " (pid " + process.pid()
                        + ", heap " + settings.heapOf(service) + ")");
            } catch (IOException e) {
                throw new StartupException(service.name() + " did not start: " + e.getMessage());
            } finally {
                starting.unlock();
            }
        }
        try {
            pidFile.write(pids);
        } catch (IOException e) {
            err.println("Could not record the pids in " + data.root() + ": " + e.getMessage());
        }
    }

    /** The services' defaults cover the rest: database host 127.0.0.1, database, user and password "backline". */
    private List<String> serviceArguments() {
        return List.of(
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--backline.db.port=" + postgres.port(),
                // The embedded default is the one place the contract's default users and passwords are allowed.
                "--backline.security.embedded-default=true");
    }

    private void awaitHealthy() throws StartupException, InterruptedException {
        if (services.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(services.size(), runnable -> {
            Thread thread = new Thread(runnable, "backline-health");
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletionService<ServiceProcess> health = new ExecutorCompletionService<>(pool);
            for (ServiceProcess service : services) {
                health.submit(() -> {
                    Duration upIn = service.awaitHealthy(settings.startupTimeout());
                    out.println(service.name() + " is up (" + Banner.seconds(upIn) + ")");
                    return service;
                });
            }
            for (int i = 0; i < services.size(); i++) {
                try {
                    health.take().get();
                } catch (ExecutionException e) {
                    throw asStartupException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static StartupException asStartupException(Throwable cause) {
        if (cause instanceof ServiceFailedException failed) {
            StringBuilder message = new StringBuilder(failed.getMessage());
            if (!failed.logTail().isEmpty()) {
                message.append(". The end of its log:");
                failed.logTail().forEach(line -> message.append("\n  | ").append(line));
            }
            return new StartupException(message.toString());
        }
        return new StartupException("Waiting for the services failed: " + cause);
    }

    private void reportUnexpectedExit(ServiceProcess service) {
        service.process().onExit().thenAccept(process -> {
            if (!stopping) {
                err.println(service.name() + " stopped unexpectedly (exit code " + process.exitValue() + "); its log: "
                        + service.logFile() + ". The rest keeps running; Ctrl-C stops everything.");
            }
        });
    }

    private void requireNotStopping() throws StartupException {
        if (stopping) {
            throw new StartupException("Stopped during start-up.");
        }
    }

    /** Stops the services (in parallel), then Kafka, then PostgreSQL. Safe to call more than once. */
    void stop() {
        boolean locked = false;
        try {
            // Let a start in progress finish so whatever it started is stopped too.
            locked = starting.tryLock(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (stopping) {
                return;
            }
            stopping = true;
        } finally {
            if (locked) {
                starting.unlock();
            }
        }
        try {
            out.println();
            out.println("Stopping Backline ...");
            long begin = System.nanoTime();
            stopServices();
            String servicesTook = Banner.seconds(Duration.ofNanos(System.nanoTime() - begin));
            if (!services.isEmpty()) {
                out.println("Services stopped in " + servicesTook);
            }
            if (kafka != null) {
                long kafkaBegin = System.nanoTime();
                kafka.close();
                out.println("Kafka stopped in " + Banner.seconds(Duration.ofNanos(System.nanoTime() - kafkaBegin)));
            }
            if (postgres != null) {
                long postgresBegin = System.nanoTime();
                try {
                    postgres.close();
                } catch (IOException e) {
                    err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
                }
                out.println("PostgreSQL stopped in " + Banner.seconds(Duration.ofNanos(System.nanoTime() - postgresBegin)));
            }
            if (pidFile != null) {
                pidFile.delete();
            }
            out.println("Backline stopped.");
            out.flush();
        } finally {
            stopped.countDown();
        }
    }

    private void stopServices() {
        List<Thread> stoppers = new ArrayList<>();
        for (ServiceProcess service : services) {
            Thread stopper = new Thread(service::stop, "stop-" + service.name());
            stopper.start();
            stoppers.add(stopper);
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
