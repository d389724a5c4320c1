package health.backline.local;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A service (or, in the cluster, a Kafka node) the launcher keeps up: once it has been healthy, a crash, a
 * {@code kill -9} or an out-of-memory exit restarts it after the {@link RestartPolicy}'s wait, until the policy gives
 * up. Each exit and restart is printed with the exit code and the log; every change of state is passed on (the status
 * file).
 */
final class SupervisedService {

    private final ScheduledExecutorService scheduler;
    private final Duration healthTimeout;
    private final PrintStream out;
    private final PrintStream err;
    private final Runnable onChange;
    private final RestartPolicy policy = new RestartPolicy();

    private volatile SupervisedProcess process;
    private volatile StatusFile.State state = StatusFile.State.STARTING;
    private volatile Instant startedAt;
    private volatile int restarts;
    private volatile boolean stopping;

    SupervisedService(SupervisedProcess process, ScheduledExecutorService scheduler, Duration healthTimeout,
                      PrintStream out, PrintStream err, Runnable onChange) {
        this.process = process;
        this.startedAt = Instant.now();
        this.scheduler = scheduler;
        this.healthTimeout = healthTimeout;
        this.out = out;
        this.err = err;
        this.onChange = onChange;
    }

    String name() {
        return process.name();
    }

    SupervisedProcess process() {
        return process;
    }

    StatusFile.State state() {
        return state;
    }

    /** Marks the service healthy after its first start and from then on restarts it whenever it dies. */
    void supervise() {
        state = StatusFile.State.UP;
        onChange.run();
        watch(process);
    }

    /** Its row in the status file. */
    StatusFile.Part part() {
        SupervisedProcess current = process;
        return new StatusFile.Part(name(), state, current.pid(), current.commandHint(), current.port(),
                startedAt.toEpochMilli(), restarts, current.logFile().toString());
    }

    private void watch(SupervisedProcess watched) {
        watched.process().onExit().thenRun(() -> died(watched));
    }

    private synchronized void died(SupervisedProcess ended) {
        if (stopping || ended != process) {
            return;
        }
        int exitCode = ended.process().exitValue();
        Optional<Duration> wait = policy.failed(startedAt, Instant.now());
        if (wait.isEmpty()) {
            state = StatusFile.State.GAVE_UP;
            err.println(name() + " exited with code " + exitCode + " (log: " + ended.logFile() + "). It failed "
                    + RestartPolicy.FAILURES_TO_GIVE_UP + " times within " + RestartPolicy.WINDOW.toMinutes()
                    + " minutes, so Backline gave up on it: the rest keeps running. Fix the cause (see its log),"
                    + " then start Backline again.");
            onChange.run();
            return;
        }
        state = StatusFile.State.RESTARTING;
        int restart = ++restarts;
        err.println(name() + " exited with code " + exitCode + " (log: " + ended.logFile() + "); restart " + restart
                + " in " + wait.get().toSeconds() + " s.");
        onChange.run();
        String reason = "restart " + restart + " after exit code " + exitCode;
        scheduler.schedule(() -> restart(reason), wait.get().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restart(String reason) {
        SupervisedProcess started;
        synchronized (this) {
            if (stopping) {
                return;
            }
            try {
                started = process.restart(reason);
            } catch (IOException e) {
                state = StatusFile.State.GAVE_UP;
                err.println(name() + " could not be restarted: " + e.getMessage() + ". Backline gave up on it.");
                onChange.run();
                return;
            }
            process = started;
            startedAt = Instant.now();
            state = StatusFile.State.STARTING;
        }
        onChange.run();
        watch(started);
        awaitHealthyAgain(started);
    }

    private void awaitHealthyAgain(SupervisedProcess started) {
        try {
            Duration upIn = started.awaitHealthy(healthTimeout);
            synchronized (this) {
                if (process == started && !stopping) {
                    state = StatusFile.State.UP;
                    out.println(name() + " is up again (" + Banner.seconds(upIn) + ", pid " + started.pid() + ")");
                }
            }
            onChange.run();
        } catch (ServiceFailedException failed) {
            if (started.isAlive()) {
                // Up but never healthy: end it, and its exit counts as one more failure.
                err.println(failed.getMessage() + "; stopping it to restart it.");
                started.stop();
            }
            // An exit is handled by died().
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the service for good: no restart follows. */
    void stop() {
        synchronized (this) {
            stopping = true;
            state = StatusFile.State.STOPPING;
        }
        process.stop();
    }

    /** Stops these side by side and waits for all: one at a time, each would wait out the others' shutdowns. */
    static void stopAll(List<SupervisedService> parts) {
        List<Thread> stoppers = new ArrayList<>();
        for (SupervisedService part : parts) {
            Thread stopper = new Thread(part::stop, "stop-" + part.name());
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
