package health.backline.local;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** A process the launcher keeps up ({@link SupervisedService}): a service's JVM or, in the cluster, a Kafka node's. */
interface SupervisedProcess {

    /** For messages and the status file: "intake", "intake-2", "kafka-3". */
    String name();

    long pid();

    /** The port it serves clients on. */
    int port();

    /** A word its command line contains, which tells its pid from a reused one (the status file's hint). */
    String commandHint();

    Path logFile();

    Process process();

    boolean isAlive();

    /** The same process started again after it ended, its log going on after a line with {@code reason}. */
    SupervisedProcess restart(String reason) throws IOException;

    /**
     * Waits until it serves its clients.
     *
     * @return the time from its start until then
     * @throws ServiceFailedException if it ends first or the timeout passes; it carries the log's tail
     */
    Duration awaitHealthy(Duration timeout) throws ServiceFailedException, InterruptedException;

    /** Stops it gracefully, killing it when it takes too long; returns once it is gone. */
    void stop();
}
