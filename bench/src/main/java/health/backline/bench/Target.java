package health.backline.bench;

import health.backline.bench.resources.BacklineParts;
import java.net.URI;
import java.nio.file.Path;

/**
 * The Backline under test: where each part listens and which processes are its own. A port given on the command
 * line wins; otherwise the launcher's status file says; otherwise the contract's default.
 */
record Target(URI intake, URI scheduling, URI triage, String kafkaBootstrap, String host, int postgresPort,
              BacklineParts parts, Path dataDirectory) {

    static Target of(BenchOptions options) {
        BacklineParts parts = BacklineParts.read(options.dataDirectory());
        String host = options.host();
        int intake = options.intakePort().or(() -> parts.port("intake")).orElse(8081);
        int scheduling = options.schedulingPort().or(() -> parts.port("scheduling")).orElse(8084);
        int triage = options.triagePort().or(() -> parts.port("triage")).orElse(8082);
        int kafka = options.kafkaPort().or(() -> parts.port("kafka")).orElse(9092);
        int postgres = options.postgresPort().or(() -> parts.port("postgres")).orElse(15432);
        return new Target(URI.create("http://" + host + ":" + intake), URI.create("http://" + host + ":" + scheduling),
                URI.create("http://" + host + ":" + triage),
                host + ":" + kafka, host, postgres, parts, options.dataDirectory().toAbsolutePath());
    }
}
