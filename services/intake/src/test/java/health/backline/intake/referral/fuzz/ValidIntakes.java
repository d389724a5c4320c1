package health.backline.intake.referral.fuzz;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;

/** Intakes every rule of intake.md accepts: the ones the hostile bodies are mutated from. */
final class ValidIntakes {

    static final List<String> REGIONS = List.of("CERVICAL", "THORACIC", "LUMBAR");
    static final List<String> SEXES = List.of("female", "male", "other", "unknown");
    static final List<String> FINDINGS = List.of("BLADDER_OR_BOWEL_DYSFUNCTION", "SADDLE_ANESTHESIA",
            "PROGRESSIVE_WEAKNESS", "SUDDEN_ONE_SIDED_NUMBNESS", "LEG_NUMBNESS_OR_TINGLING", "GAIT_DISTURBANCE",
            "CHEST_PAIN", "UNABLE_TO_MOVE", "HIGH_ENERGY_TRAUMA", "MINOR_TRAUMA", "FEVER", "NECK_STIFFNESS",
            "SEVERE_HEADACHE", "BRUISE_LIKE_RASH", "IV_DRUG_USE", "IMMUNOSUPPRESSION", "LONG_TERM_STEROID_USE",
            "CANCER_HISTORY", "OSTEOPOROSIS", "ANKYLOSING_SPONDYLITIS", "UNEXPLAINED_WEIGHT_LOSS", "NIGHT_PAIN",
            "RECURRENT_EPISODES", "OVERUSE_OR_HEAVY_LIFTING", "PROLONGED_SITTING_OR_POOR_POSTURE",
            "STRESS_OR_ANXIETY", "DEHYDRATION");
    static final List<String> BOTHERSOME = List.of("NOT_AT_ALL", "SLIGHTLY", "MODERATELY", "VERY_MUCH", "EXTREMELY");

    static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    /** Free text as people type it (the hostile side brings the odd characters). */
    private static final String WORDS = LETTERS + "0123456789 .,;:'-/()éßø";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ValidIntakes() {
    }

    static ObjectNode next(FuzzRandom random) {
        ObjectNode intake = JSON.objectNode();
        intake.set("patient", patient(random));
        intake.set("referrer", random.chance(0.3) ? JSON.nullNode() : referrer(random));
        intake.set("complaint", complaint(random));
        ArrayNode findings = intake.putArray("findings");
        random.distinct(FINDINGS, 6).forEach(findings::add);
        intake.put("conservativeCareWeeks", random.between(0, 520));
        intake.put("improving", random.chance(0.5));
        intake.set("startBack", random.chance(0.3) ? JSON.nullNode() : startBack(random));
        return intake;
    }

    private static ObjectNode patient(FuzzRandom random) {
        return JSON.objectNode()
                .put("mrn", random.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-", 1, 32))
                .put("givenName", random.text(LETTERS, 1, 100))
                .put("familyName", random.text(LETTERS, 1, 100))
                .put("birthDate", LocalDate.now().minusDays(random.between(0, 129L * 365) + 1).toString())
                .put("sex", random.pick(SEXES))
                .put("phone", random.text("0123456789 +()-", 5, 32));
    }

    private static ObjectNode referrer(FuzzRandom random) {
        return JSON.objectNode().put("name", random.text(WORDS, 0, 200))
                .put("organisation", random.text(WORDS, 0, 200));
    }

    private static ObjectNode complaint(FuzzRandom random) {
        return JSON.objectNode().put("region", random.pick(REGIONS))
                .put("symptomDurationDays", random.between(0, 3650))
                .put("painScore", random.between(0, 10))
                .put("description", random.text(WORDS, 0, 2000));
    }

    private static ObjectNode startBack(FuzzRandom random) {
        ObjectNode startBack = JSON.objectNode();
        ArrayNode answers = startBack.putArray("answers");
        for (int question = 0; question < 8; question++) {
            answers.add(random.chance(0.5));
        }
        answers.add(random.pick(BOTHERSOME));
        return startBack;
    }
}
