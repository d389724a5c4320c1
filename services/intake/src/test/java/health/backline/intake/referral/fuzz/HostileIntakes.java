package health.backline.intake.referral.fuzz;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Bodies for {@code POST /api/referrals} that break intake.md, each by construction: a valid intake
 * with one flaw (a field missing, null, of the wrong type, too long, out of range, an unknown code, a
 * date written wrongly, a field too many, nested too deep) or bytes that are no JSON intake at all
 * (broken JSON, invalid UTF-8, another content type, another root).
 */
final class HostileIntakes {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Fields that must be there. */
    private static final List<String> REQUIRED = List.of("/patient", "/complaint", "/patient/mrn", "/patient/givenName",
            "/patient/familyName", "/patient/birthDate", "/complaint/region", "/complaint/symptomDurationDays",
            "/complaint/painScore", "/startBack/answers");

    /** Each field and the JSON kinds it accepts besides null (nullable fields take null too). */
    private static final Map<String, Set<String>> KINDS = Map.ofEntries(
            Map.entry("/patient", Set.of("object")), Map.entry("/complaint", Set.of("object")),
            Map.entry("/patient/mrn", Set.of("string")), Map.entry("/patient/givenName", Set.of("string")),
            Map.entry("/patient/familyName", Set.of("string")), Map.entry("/patient/birthDate", Set.of("string")),
            Map.entry("/patient/sex", Set.of()), Map.entry("/patient/phone", Set.of("string")),
            Map.entry("/referrer", Set.of("object")), Map.entry("/referrer/name", Set.of("string")),
            Map.entry("/complaint/region", Set.of()), Map.entry("/complaint/symptomDurationDays", Set.of("integer")),
            Map.entry("/complaint/painScore", Set.of("integer")), Map.entry("/complaint/description", Set.of("string")),
            Map.entry("/findings", Set.of("array")), Map.entry("/conservativeCareWeeks", Set.of("integer")),
            Map.entry("/improving", Set.of("boolean")), Map.entry("/startBack", Set.of("object")),
            Map.entry("/startBack/answers", Set.of("array")));

    private static final Set<String> NOT_NULLABLE = Set.of("/patient", "/complaint", "/patient/mrn",
            "/patient/givenName", "/patient/familyName", "/patient/birthDate", "/complaint/region",
            "/complaint/symptomDurationDays", "/complaint/painScore", "/startBack/answers");

    private static final Map<String, JsonNode> VALUES_BY_KIND = Map.of(
            "string", JSON.textNode("text"), "integer", JSON.numberNode(42), "number", JSON.numberNode(3.5),
            "boolean", JSON.booleanNode(true), "array", JSON.arrayNode().add(1).add("two"),
            "object", JSON.objectNode().put("any", "thing"));

    /** Fields with a length limit: pointer → the first length refused. */
    private static final Map<String, Integer> TOO_LONG_FROM = Map.of("/patient/mrn", 33, "/patient/givenName", 101,
            "/patient/familyName", 101, "/patient/phone", 33, "/referrer/name", 201, "/referrer/organisation", 201,
            "/complaint/description", 2001);

    /** Numbers with a range: pointer → [lowest, highest] accepted. */
    private static final Map<String, long[]> RANGES = Map.of("/complaint/painScore", new long[]{0, 10},
            "/complaint/symptomDurationDays", new long[]{0, 3650}, "/conservativeCareWeeks", new long[]{0, 520});

    private static final List<String> OBJECTS = List.of("", "/patient", "/complaint", "/referrer", "/startBack");

    private static final List<String> OTHER_CONTENT_TYPES = List.of("text/plain", "application/xml", "text/html",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=fuzz", "application/octet-stream",
            "image/png");

    private static final List<byte[]> INVALID_UTF8 = List.of(new byte[]{(byte) 0xC3, 0x28},
            new byte[]{(byte) 0xFF}, new byte[]{(byte) 0xFE, (byte) 0xFF}, new byte[]{(byte) 0xC0, (byte) 0xAF},
            new byte[]{(byte) 0xE2, (byte) 0x82}, new byte[]{(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[]{(byte) 0x80});

    private static final String MARK = "FUZZMARK";

    private HostileIntakes() {
    }

    static Arbitrary<HostileRequest> requests() {
        Arbitrary<ObjectNode> seeds = ValidIntakes.intakes();
        return Arbitraries.frequencyOf(List.of(
                weighted(3, seeds.flatMap(HostileIntakes::missing)),
                weighted(3, seeds.flatMap(HostileIntakes::nulled)),
                weighted(4, seeds.flatMap(HostileIntakes::wrongType)),
                weighted(3, seeds.flatMap(HostileIntakes::extraField)),
                weighted(3, seeds.flatMap(HostileIntakes::tooLong)),
                weighted(3, seeds.flatMap(HostileIntakes::unknownCode)),
                weighted(3, seeds.flatMap(HostileIntakes::badDate)),
                weighted(3, seeds.flatMap(HostileIntakes::outOfRange)),
                weighted(2, seeds.flatMap(HostileIntakes::deeplyNested)),
                weighted(2, seeds.flatMap(HostileIntakes::brokenStartBack)),
                weighted(1, seeds.map(HostileIntakes::repeatedFinding)),
                weighted(1, seeds.map(HostileIntakes::careWithoutAnswer)),
                weighted(3, seeds.flatMap(HostileIntakes::brokenJson)),
                weighted(2, seeds.flatMap(HostileIntakes::invalidUtf8)),
                weighted(2, seeds.flatMap(HostileIntakes::otherContentType)),
                weighted(1, otherRoots())));
    }

    private static Tuple2<Integer, Arbitrary<HostileRequest>> weighted(
            int weight, Arbitrary<HostileRequest> requests) {
        return Tuple.of(weight, requests);
    }

    private static Arbitrary<HostileRequest> missing(ObjectNode seed) {
        return Arbitraries.of(REQUIRED).map(pointer -> {
                    ObjectNode intake = seed.deepCopy();
            ensureParentOf(intake, pointer);
            parentOf(intake, pointer).remove(nameOf(pointer));
            return request("missing " + pointer, intake);
        });
    }

    private static Arbitrary<HostileRequest> nulled(ObjectNode seed) {
        return Arbitraries.of(NOT_NULLABLE).map(pointer -> {
                    ObjectNode intake = seed.deepCopy();
            ensureParentOf(intake, pointer);
            parentOf(intake, pointer).putNull(nameOf(pointer));
            return request("null " + pointer, intake);
        });
    }

    private static Arbitrary<HostileRequest> wrongType(ObjectNode seed) {
        return Combinators.combine(Arbitraries.of(KINDS.keySet()), Arbitraries.of(VALUES_BY_KIND.keySet()))
                .filter((pointer, kind) -> !KINDS.get(pointer).contains(kind)
                        && !(kind.equals("integer") && KINDS.get(pointer).contains("number")))
                .as((pointer, kind) -> {
                    ObjectNode intake = seed.deepCopy();
                    ensureParentOf(intake, pointer);
                    parentOf(intake, pointer).set(nameOf(pointer), VALUES_BY_KIND.get(kind));
                    return request(kind + " at " + pointer, intake);
                });
    }

    private static Arbitrary<HostileRequest> extraField(ObjectNode seed) {
        return Combinators.combine(Arbitraries.of(OBJECTS), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(40))
                .as((object, name) -> {
                    ObjectNode intake = seed.deepCopy();
                    String field = "x" + name; // no field of intake.md starts with a lower-case x
                    ObjectNode target = object.isEmpty() ? intake : ensureObject(intake, object);
                    target.put(field, "extra");
                    return request("extra field " + object + "/" + field, intake);
                });
    }

    private static Arbitrary<HostileRequest> tooLong(ObjectNode seed) {
        return Arbitraries.of(TOO_LONG_FROM.keySet()).flatMap(pointer ->
                Arbitraries.integers().between(TOO_LONG_FROM.get(pointer), 120_000).withDistribution(
                        RandomDistribution.biased()).map(length -> {
                    ObjectNode intake = seed.deepCopy();
                    ensureParentOf(intake, pointer);
                    parentOf(intake, pointer).put(nameOf(pointer), "1".repeat(length));
                    return request(length + " characters at " + pointer, intake);
                }));
    }

    private static Arbitrary<HostileRequest> unknownCode(ObjectNode seed) {
        Arbitrary<String> unknown = Arbitraries.oneOf(Arbitraries.strings().alpha().ofMaxLength(30),
                Arbitraries.of(ValidIntakes.REGIONS).map(String::toLowerCase),
                Arbitraries.of(ValidIntakes.SEXES).map(String::toUpperCase),
                Arbitraries.of(ValidIntakes.FINDINGS).map(code -> code + " "));
        return Combinators.combine(Arbitraries.of("/complaint/region", "/patient/sex", "/findings/0", "/startBack/answers/8"),
                        unknown)
                .filter((pointer, code) -> !ValidIntakes.REGIONS.contains(code) && !ValidIntakes.SEXES.contains(code)
                        && !ValidIntakes.FINDINGS.contains(code) && !ValidIntakes.BOTHERSOME.contains(code))
                .as((pointer, code) -> {
                    ObjectNode intake = seed.deepCopy();
                    if (pointer.startsWith("/findings")) {
                        intake.putArray("findings").add(code);
                    } else if (pointer.startsWith("/startBack")) {
                        ObjectNode startBack = ensureObject(intake, "/startBack");
                        startBack.set("answers", validAnswers());
                        ((ArrayNode) startBack.get("answers")).set(8, JSON.textNode(code));
                    } else {
                        parentOf(intake, pointer).put(nameOf(pointer), code);
                    }
                    return request("unknown code '" + code + "' at " + pointer, intake);
                });
    }

    private static Arbitrary<HostileRequest> badDate(ObjectNode seed) {
        Arbitrary<LocalDate> dates = Arbitraries.longs().between(-60_000, 60_000).map(days -> LocalDate.now().plusDays(days));
        Arbitrary<String> wronglyWritten = Combinators.combine(dates,
                        Arbitraries.of("dd/MM/yyyy", "MM-dd-yyyy", "yyyy/MM/dd", "yyyyMMdd", "d MMM yyyy", "yyyy-M-d'T'00:00",
                                "yyyy-MM-dd'T'00:00:00'Z'", "yy-MM-dd", "yyyy-MM-dd ", " yyyy-MM-dd"))
                .as((date, pattern) -> date.format(DateTimeFormatter.ofPattern(pattern)))
                .filter(text -> !text.matches("\\d{4}-\\d{2}-\\d{2}"));
        Arbitrary<String> impossible = Combinators.combine(Arbitraries.integers().between(1900, 2020),
                        Arbitraries.integers().between(0, 99), Arbitraries.integers().between(32, 99))
                .as((year, month, day) -> "%04d-%02d-%02d".formatted(year, month, day));
        Arbitrary<String> future = Arbitraries.longs().between(1, 40_000).map(days -> LocalDate.now().plusDays(days + 1).toString());
        Arbitrary<String> tooOld = Arbitraries.longs().between(1, 40_000)
                .map(days -> LocalDate.now().minusYears(130).minusDays(days + 1).toString());
        return Arbitraries.oneOf(wronglyWritten, impossible, future, tooOld, Arbitraries.of("", "today", "1961-02-29", "0000-00-00"))
                .map(date -> {
                    ObjectNode intake = seed.deepCopy();
                    ensureObject(intake, "/patient").put("birthDate", date);
                    return request("birthDate '" + date + "'", intake);
                });
    }

    private static Arbitrary<HostileRequest> outOfRange(ObjectNode seed) {
        return Arbitraries.of(RANGES.keySet()).flatMap(pointer -> {
            long[] range = RANGES.get(pointer);
            Arbitrary<JsonNode> numbers = Arbitraries.oneOf(
                    Arbitraries.longs().between(Long.MIN_VALUE, range[0] - 1).map(JSON::numberNode),
                    Arbitraries.longs().between(range[1] + 1, Long.MAX_VALUE).map(JSON::numberNode),
                    Arbitraries.of(JSON.numberNode(new BigInteger("99999999999999999999999999")),
                            JSON.numberNode(new BigDecimal("1e400")), JSON.numberNode(new BigDecimal("-1e400")),
                            JSON.numberNode(range[0] + 0.5)));
            return numbers.map(number -> {
                    ObjectNode intake = seed.deepCopy();
                ensureParentOf(intake, pointer);
                parentOf(intake, pointer).set(nameOf(pointer), number);
                return request(number + " at " + pointer, intake);
            });
        });
    }

    private static Arbitrary<HostileRequest> deeplyNested(ObjectNode seed) {
        return Combinators.combine(Arbitraries.of("/patient/mrn", "/complaint/painScore", "/findings", "/startBack"),
                        Arbitraries.integers().between(2, 5_000), Arbitraries.of("[", "{\"a\":"))
                .as((pointer, depth, open) -> {
                    ObjectNode intake = seed.deepCopy();
                    ensureParentOf(intake, pointer);
                    parentOf(intake, pointer).put(nameOf(pointer), MARK);
                    String close = open.equals("[") ? "]" : "}";
                    String nested = open.repeat(depth) + "1" + close.repeat(depth);
                    String body = text(intake).replace("\"" + MARK + "\"", nested);
                    return HostileRequest.json(depth + " levels of " + open + " at " + pointer, body);
                });
    }

    private static Arbitrary<HostileRequest> brokenStartBack(ObjectNode seed) {
        return Arbitraries.integers().between(0, 30).filter(size -> size != 9).map(size -> {
                    ObjectNode intake = seed.deepCopy();
            var answers = JSON.arrayNode();
            for (int i = 0; i < size; i++) {
                answers.add(i == 8 ? JSON.textNode("VERY_MUCH") : JSON.booleanNode(i % 2 == 0));
            }
            ensureObject(intake, "/startBack").set("answers", answers);
            return request(size + " STarT Back answers", intake);
        });
    }

    private static HostileRequest repeatedFinding(ObjectNode seed) {
        ObjectNode intake = seed.deepCopy();
        intake.putArray("findings").add("FEVER").add("FEVER");
        return request("a finding twice", intake);
    }

    private static HostileRequest careWithoutAnswer(ObjectNode seed) {
        ObjectNode intake = seed.deepCopy();
        intake.put("conservativeCareWeeks", 6).putNull("improving");
        return request("six weeks of care, improving not answered", intake);
    }

    private static Arbitrary<HostileRequest> brokenJson(ObjectNode seed) {
        String valid = text(seed);
        Arbitrary<HostileRequest> truncated = Arbitraries.integers().between(0, valid.length() - 1)
                .map(length -> HostileRequest.json("cut after " + length + " characters", valid.substring(0, length)));
        Arbitrary<HostileRequest> garbage = Arbitraries.of("}", "x", ",", "]", "{}", "\"", "null")
                .map(tail -> HostileRequest.json("'" + tail + "' after the intake", valid + tail));
        Arbitrary<HostileRequest> lenient = Arbitraries.of(
                valid.replace('"', '\''), valid.replaceFirst("\"patient\"", "patient"),
                valid.replaceFirst("\\{", "{/* note */"), valid.replaceFirst("}$", ",}"),
                valid.replaceFirst("\"painScore\":\\d+", "\"painScore\":NaN"),
                valid.replaceFirst("\"painScore\":\\d+", "\"painScore\":07"))
                .map(body -> HostileRequest.json("JSON a lenient parser would take", body));
        return Arbitraries.oneOf(truncated, garbage, lenient);
    }

    private static Arbitrary<HostileRequest> invalidUtf8(ObjectNode seed) {
        return Combinators.combine(Arbitraries.of("/patient/givenName", "/patient/mrn", "/complaint/description"),
                        Arbitraries.of(INVALID_UTF8))
                .as((pointer, bytes) -> {
                    ObjectNode intake = seed.deepCopy();
                    ensureParentOf(intake, pointer);
                    parentOf(intake, pointer).put(nameOf(pointer), "A" + MARK);
                    String[] halves = text(intake).split(MARK, 2);
                    ByteArrayOutputStream body = new ByteArrayOutputStream();
                    body.writeBytes(halves[0].getBytes(StandardCharsets.UTF_8));
                    body.writeBytes(bytes);
                    body.writeBytes(halves[1].getBytes(StandardCharsets.UTF_8));
                    return new HostileRequest("invalid UTF-8 " + HexFormat.of().formatHex(bytes) + " in " + pointer,
                            HostileRequest.JSON, body.toByteArray());
                });
    }

    private static Arbitrary<HostileRequest> otherContentType(ObjectNode seed) {
        String body = text(seed);
        return Arbitraries.of(OTHER_CONTENT_TYPES).injectNull(0.1).map(type -> new HostileRequest(
                "a valid intake sent as " + type, type, body.getBytes(StandardCharsets.UTF_8)));
    }

    private static Arbitrary<HostileRequest> otherRoots() {
        return Arbitraries.of("", "null", "[]", "[{}]", "\"intake\"", "42", "true", "{}", " ", "\uFEFF{}")
                .map(body -> HostileRequest.json("the body '" + body + "'", body));
    }

    private static HostileRequest request(String flaw, ObjectNode intake) {
        return HostileRequest.json(flaw, text(intake));
    }

    private static String text(JsonNode intake) {
        try {
            return MAPPER.writeValueAsString(intake);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The optional objects (referrer, startBack) may be null or absent in a seed; a flaw inside one needs it there. */
    private static void ensureParentOf(ObjectNode intake, String pointer) {
        String parent = pointer.substring(0, pointer.lastIndexOf('/'));
        if (!parent.isEmpty()) {
            ensureObject(intake, parent);
        }
    }

    private static ObjectNode ensureObject(ObjectNode intake, String pointer) {
        String name = nameOf(pointer);
        if (!intake.path(name).isObject()) {
            ObjectNode created = intake.putObject(name);
            if (name.equals("startBack")) {
                created.set("answers", validAnswers());
            }
        }
        return (ObjectNode) intake.get(name);
    }

    private static ArrayNode validAnswers() {
        var answers = JSON.arrayNode();
        for (int i = 0; i < 8; i++) {
            answers.add(false);
        }
        return answers.add("NOT_AT_ALL");
    }

    private static ObjectNode parentOf(ObjectNode intake, String pointer) {
        JsonPointer parent = JsonPointer.compile(pointer).head();
        return (ObjectNode) intake.at(parent);
    }

    private static String nameOf(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1);
    }
}
