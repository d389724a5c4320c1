package health.backline.intake.referral.fuzz;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;

/** Intakes every rule of intake.md accepts: the seeds the hostile bodies are mutated from. */
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

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ValidIntakes() {
    }

    static Arbitrary<ObjectNode> intakes() {
        return Builders.withBuilder(() -> JSON.objectNode())
                .use(patients()).in((intake, patient) -> intake.set("patient", patient))
                .use(referrers().injectNull(0.3)).in((intake, referrer) -> intake.set("referrer", referrer))
                .use(complaints()).in((intake, complaint) -> intake.set("complaint", complaint))
                .use(Arbitraries.of(FINDINGS).set().ofMaxSize(6)).in((intake, findings) -> {
                    ArrayNode array = intake.putArray("findings");
                    findings.forEach(array::add);
                    return intake;
                })
                .use(Arbitraries.integers().between(0, 520)).in((intake, weeks) -> intake.put("conservativeCareWeeks", weeks))
                .use(Arbitraries.of(true, false)).in((intake, improving) -> intake.put("improving", improving))
                .use(startBack().injectNull(0.3)).in((intake, startBack) -> intake.set("startBack", startBack))
                .build();
    }

    private static Arbitrary<ObjectNode> patients() {
        Arbitrary<String> names = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(100);
        return Combinators.combine(
                Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-").ofMinLength(1).ofMaxLength(32),
                names, names,
                Arbitraries.longs().between(0, 129L * 365).map(days -> LocalDate.now().minusDays(days + 1)),
                Arbitraries.of(SEXES),
                Arbitraries.strings().withChars("0123456789 +()-").ofMinLength(5).ofMaxLength(32))
                .as((mrn, given, family, birthDate, sex, phone) -> {
                    ObjectNode patient = JSON.objectNode();
                    patient.put("mrn", mrn).put("givenName", given).put("familyName", family)
                            .put("birthDate", birthDate.toString()).put("sex", sex).put("phone", phone);
                    return patient;
                });
    }

    private static Arbitrary<ObjectNode> referrers() {
        Arbitrary<String> text = words(200);
        return Combinators.combine(text, text).as((name, organisation) ->
                JSON.objectNode().put("name", name).put("organisation", organisation));
    }

    private static Arbitrary<ObjectNode> complaints() {
        return Combinators.combine(Arbitraries.of(REGIONS), Arbitraries.integers().between(0, 3650),
                        Arbitraries.integers().between(0, 10), words(2000))
                .as((region, days, pain, description) -> JSON.objectNode().put("region", region)
                        .put("symptomDurationDays", days).put("painScore", pain).put("description", description));
    }

    /** Free text as people type it (the hostile side brings the odd characters). */
    private static Arbitrary<String> words(int maxLength) {
        return Arbitraries.strings().alpha().numeric().withChars(" .,;:'-/()éßø").ofMaxLength(maxLength);
    }

    private static Arbitrary<ObjectNode> startBack() {
        return Combinators.combine(Arbitraries.of(true, false).list().ofSize(8), Arbitraries.of(BOTHERSOME))
                .as((yesNo, bothersome) -> {
                    ObjectNode startBack = JSON.objectNode();
                    ArrayNode answers = startBack.putArray("answers");
                    yesNo.forEach(answers::add);
                    answers.add(bothersome);
                    return startBack;
                });
    }
}
