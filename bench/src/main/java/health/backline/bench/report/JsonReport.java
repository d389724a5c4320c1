package health.backline.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import health.backline.bench.reference.References;
import health.backline.bench.run.RunResult;
import health.backline.bench.run.StepVerdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Every figure of a bench session as JSON ({@code --json FILE}), for comparing sessions. */
public record JsonReport(String mode, List<RunResult> runs, List<StepVerdict> findMaxVerdicts,
                         Double maxSustainedRate, String behindFirst, References references) {

    public void write(Path file) throws IOException {
        new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(file.toFile(), this);
    }
}
