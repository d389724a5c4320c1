package health.backline.bench.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The request bodies of a run, made before it starts so the sending thread only sends. Each referral is a clinical
 * case of its pathway with a patient of its own (MRN and name): the clinical content, which decides the pathway,
 * stays as the case has it.
 */
public final class ReferralBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> GIVEN_NAMES = List.of("Ada", "Ben", "Chloe", "Dev", "Edith", "Farah", "George",
            "Hana", "Ivan", "Jude", "Kemi", "Liam", "Maya", "Nils", "Olu", "Priya");
    private static final List<String> FAMILY_NAMES = List.of("Adams", "Baker", "Clarke", "Dunn", "Evans", "Fisher",
            "Green", "Hughes", "Iqbal", "Jones", "Khan", "Lewis", "Moore", "Novak", "Owens", "Patel", "Quinn");

    private ReferralBodies() {
    }

    /** One JSON body per arrival, in the plan's order; {@code runTag} makes the MRNs of this run its own. */
    public static List<byte[]> of(ArrivalPlan plan, ClinicalCases cases, String runTag) {
        Map<Pathway, Integer> perPathway = new EnumMap<>(Pathway.class);
        List<byte[]> bodies = new ArrayList<>(plan.size());
        for (int i = 0; i < plan.size(); i++) {
            Pathway pathway = plan.arrivals().get(i).pathway();
            ObjectNode intake = cases.intake(pathway, perPathway.merge(pathway, 1, Integer::sum) - 1);
            ObjectNode patient = (ObjectNode) intake.get("patient");
            patient.put("mrn", "B" + runTag + "-" + i);
            patient.put("givenName", GIVEN_NAMES.get(i % GIVEN_NAMES.size()));
            patient.put("familyName", FAMILY_NAMES.get(i / GIVEN_NAMES.size() % FAMILY_NAMES.size()));
            try {
                bodies.add(JSON.writeValueAsBytes(intake));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return bodies;
    }
}
