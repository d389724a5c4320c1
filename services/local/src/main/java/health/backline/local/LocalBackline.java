package health.backline.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * The whole local Backline: checks, then PostgreSQL, Kafka and the services in that order, and stops them in
 * the reverse order (services, Kafka, PostgreSQL) from a shutdown hook, whether start-up finished or not. With
 * {@code --cluster} ({@link ClusterProfile}) Kafka is three nodes, every service runs twice and intake's front comes
 * last (and stops first).
 */
final class LocalBackline {

    static final String POSTGRES = "postgres";
    static final String KAFKA = "kafka";

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

    private volatile LauncherLock lock;
    private volatile StatusFile statusFile;
    private volatile DatabasePasswords passwords;
    private volatile LocalPostgres postgres;
    private volatile BacklineKafka kafka;
    private volatile IntakeFront front;
    private final long startedAtMillis = System.currentTimeMillis();
    private final List<SupervisedService> services = new CopyOnWriteArrayList<>();
    /** A thread per process it supervises: a restart holds its thread until the process is healthy again. */
    private final ScheduledExecutorService restarts;

    LocalBackline(LocalSettings settings, Path servicesDirectory, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.servicesDirectory = servicesDirectory;
        this.out = out;
        this.err = err;
        int supervised = settings.kafkaNodes().size() + ServiceCatalog.ALL.stream()
                .mapToInt(service -> settings.instancesOf(service).size()).sum();
        this.restarts = Executors.newScheduledThreadPool(supervised, runnable -> {
            Thread thread = new Thread(runnable, "backline-restart");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts everything and prints the banner; registers the shutdown hook that stops it all. */
    void start() throws StartupException, InterruptedException {
        long started = System.nanoTime();
        List<ServiceCatalog.Service> toStart = servicesToStart();
        Optional<LauncherLock> existing = lockExistingDataDirectory();
        refuseLeftovers();
        refuseBusyPorts(toStart);
        DataDirectory data = prepareDataDirectory(existing);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "backline-stop"));
        warnWhenOpen();

        startPostgresAndKafka(data);
        startServices(toStart, data);
        startFront(toStart);

        out.print(Banner.render(Duration.ofNanos(System.nanoTime() - started), settings,
                toStart, kafka.bootstrapServers(), postgres.jdbcUrl(ServiceDatabase.NAME), data.logs(), data.databasePasswords()));
        out.flush();
        services.forEach(SupervisedService::supervise);
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

    private Optional<LauncherLock> lockExistingDataDirectory() throws StartupException {
        try {
            return DataDirectory.lockExisting(settings.dataDirectory());
        } catch (LauncherLock.HeldException held) {
            throw alreadyRunning(held);
        } catch (IOException e) {
            throw new StartupException(e.getMessage());
        }
    }

    private StartupException alreadyRunning(LauncherLock.HeldException held) {
        String pid = held.holder().isPresent() ? " (pid " + held.holder().getAsLong() + ")" : "";
        return new StartupException("Backline already runs from " + settings.dataDirectory() + pid + ": stop it first"
                + " (Ctrl-C in its terminal" + (pid.isEmpty() ? "" : ", or kill " + held.holder().getAsLong())
                + "), or give this one another --data-dir.");
    }

    private void refuseLeftovers() throws StartupException {
        List<String> problems = new ArrayList<>();
        for (StatusFile.Part part : new StatusFile(settings.dataDirectory()).stillRunning()) {
            // In the launcher's own JVM, which has gone: a live pid of theirs is another process's.
            if (part.name().equals(StatusFile.LAUNCHER) || part.name().equals(KAFKA)
                    || part.name().equals(ClusterProfile.FRONT)) {
                continue;
            }
            problems.add(part.name() + " from an earlier run still runs (pid " + part.pid() + "): stop it with `kill "
                    + part.pid() + "`, then start again.");
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

    private DataDirectory prepareDataDirectory(Optional<LauncherLock> existing) throws StartupException {
        try {
            DataDirectory.Prepared prepared = DataDirectory.prepare(settings.dataDirectory(), settings.fresh(), existing);
            lock = prepared.lock();
            DataDirectory data = prepared.directory();
            out.println("Data directory " + data + (settings.fresh() ? " (wiped: --fresh)" : ""));
            statusFile = new StatusFile(data.root());
            passwords = DatabasePasswords.loadOrCreate(data.databasePasswords());
            return data;
        } catch (LauncherLock.HeldException held) {
            throw alreadyRunning(held);
        } catch (IOException e) {
            throw new StartupException(e.getMessage());
        }
    }

    private void warnWhenOpen() {
        if (settings.reachableFromOtherMachines()) {
            err.println("WARNING: " + LocalSettings.BIND_ADDRESS + "=" + settings.bindAddress() + ": the services,"
                    + " Kafka and PostgreSQL accept connections from other machines, with the embedded default's"
                    + " well-known passwords on the services. Use it only on a network you trust.");
        }
    }

    /** PostgreSQL and Kafka need nothing of each other: they start side by side. */
    private void startPostgresAndKafka(DataDirectory data) throws StartupException, InterruptedException {
        out.println("Starting PostgreSQL on " + settings.host() + ":" + settings.postgresPort() + " and Kafka on "
                + settings.host() + ":" + settings.kafkaPort() + (settings.cluster() ? " (" + ClusterProfile.NODES
                + " nodes, ports " + settings.kafkaNodes().stream().map(node -> String.valueOf(node.port()))
                .collect(Collectors.joining(", ")) + ")" : "") + " ...");
        ExecutorService beside = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "kafka-start"));
        starting.lock();
        try {
            requireNotStopping();
            Future<BacklineKafka> kafkaStarted = beside.submit(() -> startKafka(data));
            try {
                startPostgres(data);
            } finally {
                // Even when PostgreSQL failed: a Kafka that started must be known, so that stop() closes it.
                kafka = awaitKafka(kafkaStarted);
            }
        } finally {
            starting.unlock();
            beside.shutdown();
        }
        out.println("PostgreSQL ready in " + Banner.seconds(postgres.startupTime()));
        out.println("Kafka ready in " + Banner.seconds(kafka.startupTime()) + " (cluster " + kafka.clusterId()
                + (kafka.formattedStorage() ? ", new storage)" : ", existing storage)"));
        kafka.supervise();
        publishStatus();
    }

    private BacklineKafka startKafka(DataDirectory data) throws Exception {
        if (settings.cluster()) {
            return LocalKafkaCluster.start(data.kafkaCluster(), settings.bindAddress(), settings.kafkaNodes(),
                    data.logs(), settings.startupTimeout(), this::supervised);
        }
        return LocalKafka.start(data.kafka(), settings.bindAddress(), settings.kafkaPort(), settings.kafkaControllerPort());
    }

    private SupervisedService supervised(SupervisedProcess process) {
        return new SupervisedService(process, restarts, settings.startupTimeout(), out, err, this::publishStatus);
    }

    private void startPostgres(DataDirectory data) throws StartupException {
        Path log = data.logs().resolve("postgres.log");
        try {
            postgres = LocalPostgres.start(data.postgres(), settings.bindAddress(), settings.postgresPort(), log,
                    passwords.superuser());
            ServiceDatabase.prepare(postgres, passwords);
        } catch (Exception e) {
            throw new StartupException(DiskFull.causedBy(e) ? DiskFull.message(settings.dataDirectory())
                    : "PostgreSQL did not start: " + e.getMessage() + " (log: " + log + ")");
        }
    }

    private BacklineKafka awaitKafka(Future<BacklineKafka> kafkaStarted) throws StartupException, InterruptedException {
        try {
            return kafkaStarted.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new StartupException(DiskFull.causedBy(cause) ? DiskFull.message(settings.dataDirectory()) : "Kafka did not start: " + cause);
        }
    }

    /**
     * The services' JVMs, in waves: the only instance of each; or in the cluster the first instance of each, and once
     * those are healthy the second. On a new database the first instance of a service makes its tables (Flyway, and
     * Camunda's own schema update, which two engines at once would race for).
     */
    private void startServices(List<ServiceCatalog.Service> toStart, DataDirectory data)
            throws StartupException, InterruptedException {
        int waves = toStart.isEmpty() ? 0 : settings.instancesOf(toStart.get(0)).size();
        for (int wave = 0; wave < waves; wave++) {
            List<SupervisedService> started = new ArrayList<>();
            for (ServiceCatalog.Service service : toStart) {
                started.add(startInstance(settings.instancesOf(service).get(wave), data));
            }
            publishStatus();
            awaitHealthy(started);
        }
    }

    private SupervisedService startInstance(ServiceInstance instance, DataDirectory data) throws StartupException {
        starting.lock();
        try {
            requireNotStopping();
            ServiceProcess process = ServiceProcess.start(launchOf(instance, data));
            SupervisedService supervised = supervised(process);
            services.add(supervised);
            out.println("Starting " + instance.name() + " on port " + process.port() + " (pid " + process.pid()
                    + ", heap " + settings.heapOf(instance.service())
                    + (ClassArchive.of(servicesDirectory, instance.service()).isUsable() ? ", class data archive)" : ")"));
            return supervised;
        } catch (IOException e) {
            throw new StartupException(instance.name() + " did not start: " + e.getMessage());
        } finally {
            starting.unlock();
        }
    }

    private ServiceProcess.Launch launchOf(ServiceInstance instance, DataDirectory data) {
        ServiceCatalog.Service service = instance.service();
        ServiceConnections connections = new ServiceConnections(kafka.bootstrapServers(), settings.host(),
                postgres.port(), service, passwords);
        List<String> arguments = new ArrayList<>(connections.arguments());
        arguments.add("--backline.intake.url=" + urlOf(ServiceCatalog.INTAKE));
        arguments.add("--backline.scheduling.url=" + urlOf(ServiceCatalog.SCHEDULING));
        if (settings.cluster()) {
            arguments.addAll(ClusterProfile.serviceArguments(instance));
        }
        return ServiceProcess.Launch.of(service, servicesDirectory, settings.bindAddress(), instance.port(),
                settings.heapOf(service), arguments, connections.environment(),
                data.logs().resolve(instance.name() + ".log")).named(instance.name());
    }

    /** In the cluster, once intake's instances are healthy: the one address that hands requests to them in turn. */
    private void startFront(List<ServiceCatalog.Service> toStart) throws StartupException {
        if (!settings.cluster() || !toStart.contains(ServiceCatalog.INTAKE)) {
            return;
        }
        starting.lock();
        try {
            requireNotStopping();
            List<URI> instances = settings.instancesOf(ServiceCatalog.INTAKE).stream()
                    .map(instance -> URI.create("http://" + settings.host() + ":" + instance.port())).toList();
            front = IntakeFront.start(settings.bindAddress(), settings.portOf(ServiceCatalog.INTAKE), instances);
            out.println("Intake's front on port " + front.port() + " hands requests to " + instances.size()
                    + " instances in turn");
        } catch (IOException e) {
            throw new StartupException("Intake's front did not start on port " + settings.portOf(ServiceCatalog.INTAKE)
                    + ": " + e.getMessage());
        } finally {
            starting.unlock();
        }
        publishStatus();
    }

    /**
     * Where one service's pages link to another's, on its port here: triage's replay page to intake's referral pages,
     * the workflow's scheduler queue to scheduling's slot-issue list.
     */
    private String urlOf(ServiceCatalog.Service service) {
        return "http://" + settings.host() + ":" + settings.entryPortOf(service);
    }

    /** Writes what runs, and how it is doing, to the status file ({@code status} reads it). */
    private synchronized void publishStatus() {
        StatusFile file = statusFile;
        if (file == null || stopping) {
            return;
        }
        long self = ProcessHandle.current().pid();
        // The JVM the user started, when it handed over to this tuned one (TunedJvm), else this one.
        long launcher = TunedJvm.relaunchedBy().map(ProcessHandle::pid).orElse(self);
        List<StatusFile.Part> parts = new ArrayList<>();
        parts.add(new StatusFile.Part(StatusFile.LAUNCHER, StatusFile.State.UP, launcher, "java", 0, startedAtMillis, 0,
                ""));
        LocalPostgres database = postgres;
        if (database != null) {
            LocalPostgres.runningServer(database.dataDirectory()).ifPresent(pid -> parts.add(new StatusFile.Part(
                    POSTGRES, StatusFile.State.UP, pid, POSTGRES, database.port(), startedAtMillis, 0,
                    settings.logDirectory().resolve("postgres.log").toString())));
        }
        BacklineKafka brokers = kafka;
        if (brokers != null) {
            parts.addAll(brokers.statusParts(startedAtMillis));
        }
        for (SupervisedService service : services) {
            parts.add(service.part());
        }
        if (front != null) {
            parts.add(new StatusFile.Part(ClusterProfile.FRONT, StatusFile.State.UP, self, "java", front.port(),
                    startedAtMillis, 0, ""));
        }
        try {
            file.write(new StatusFile.Snapshot(parts, settings.cluster() && brokers != null
                    ? brokers.bootstrapServers() : null));
        } catch (IOException e) {
            err.println("Could not record the state of Backline in " + file.path() + ": " + e.getMessage());
        }
    }

    private void awaitHealthy(List<SupervisedService> started) throws StartupException, InterruptedException {
        if (started.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(started.size(), runnable -> {
            Thread thread = new Thread(runnable, "backline-health");
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletionService<SupervisedProcess> health = new ExecutorCompletionService<>(pool);
            for (SupervisedService supervised : started) {
                SupervisedProcess service = supervised.process();
                health.submit(() -> {
                    Duration upIn = service.awaitHealthy(settings.startupTimeout());
                    out.println(service.name() + " is up (" + Banner.seconds(upIn) + ")");
                    return service;
                });
            }
            for (int i = 0; i < started.size(); i++) {
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
            if (front != null) {
                front.close();
            }
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
            if (statusFile != null) {
                statusFile.delete();
            }
            releaseLock();
            out.println("Backline stopped.");
            out.flush();
        } finally {
            stopped.countDown();
        }
    }

    private void stopServices() {
        restarts.shutdownNow();
        SupervisedService.stopAll(services);
    }

    private void releaseLock() {
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException e) {
                err.println("Could not release the data directory's lock: " + e.getMessage());
            }
        }
    }
}
