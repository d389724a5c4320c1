package health.backline.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The intakes of {@code processes/triage/cases.json}, by the pathway the clinical rules give them. Read from the
 * processes jar, as the services read the rules: the bench sends exactly the cases the end-to-end tests drive,
 * and cannot drift from them.
 */
public final class ClinicalCases {

    static final String RESOURCE = "processes/triage/cases.json";

    private final Map<Pathway, List<ObjectNode>> intakes;

    private ClinicalCases(Map<Pathway, List<ObjectNode>> intakes) {
        this.intakes = intakes;
    }

    public static ClinicalCases load() {
        try (InputStream in = ClinicalCases.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath (backline-processes)");
            }
            Map<Pathway, List<ObjectNode>> intakes = new EnumMap<>(Pathway.class);
            for (JsonNode clinicalCase : new ObjectMapper().readTree(in).get("cases")) {
                Pathway pathway = Pathway.valueOf(clinicalCase.at("/expected/pathway").asText());
                intakes.computeIfAbsent(pathway, p -> new ArrayList<>()).add((ObjectNode) clinicalCase.get("intake"));
            }
            for (Pathway pathway : Pathway.values()) {
                if (!intakes.containsKey(pathway)) {
                    throw new IllegalStateException(RESOURCE + " has no case for " + pathway);
                }
            }
            return new ClinicalCases(intakes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code n}-th intake of the pathway, taking its cases in turn; a copy, free to change. */
    public ObjectNode intake(Pathway pathway, int n) {
        List<ObjectNode> cases = intakes.get(pathway);
        return cases.get(n % cases.size()).deepCopy();
    }
}
