package health.backline.bench.reference;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The two reference figures Backline's sustained rate is set against, measured in the same session, after the
 * load (so they do not disturb it): the same PostgreSQL's one-row INSERT rate, and the raw Camunda engine on the
 * referral process. One that cannot be measured is named in {@code notMeasured} with the reason.
 */
public record References(PostgresInsertRate.Measured insertRate, CamundaEngineRate.Measured engine,
                         List<String> notMeasured) {

    /** What to measure with. */
    public record Settings(String host, int postgresPort, Path dataDirectory, String insertMethod, int postgresClients,
                           int camundaThreads, Duration duration) {
    }

    public static References measure(Settings settings, PrintStream progress) throws InterruptedException {
        List<String> notMeasured = new ArrayList<>();
        PostgresInsertRate.Measured insertRate = null;
        CamundaEngineRate.Measured engine = null;
        progress.printf("references: PostgreSQL one-row INSERT rate (%d clients, %d s) ...%n",
                settings.postgresClients(), settings.duration().toSeconds());
        try {
            insertRate = PostgresInsertRate.of(settings.host(), settings.postgresPort(), settings.dataDirectory())
                    .measure(settings.insertMethod(), settings.postgresClients(), settings.duration());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            notMeasured.add("PostgreSQL INSERT rate: " + e.getMessage());
        }
        progress.printf("references: raw Camunda engine on referral.bpmn (%d threads, %d s) ...%n",
                settings.camundaThreads(), settings.duration().toSeconds());
        try {
            engine = new CamundaEngineRate().measure(settings.camundaThreads(), settings.duration());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            notMeasured.add("Camunda engine rate: " + e);
        }
        return new References(insertRate, engine, List.copyOf(notMeasured));
    }
}
