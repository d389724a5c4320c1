package health.backline.intake.referral.fuzz;

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
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Bodies for {@code POST /api/referrals} that break intake.md, each by construction: a valid intake
 * with one flaw (a field missing, null, of the wrong type, too long, out of range, an unknown code, a
 * date written wrongly, a field too many, nested too deep) or bytes that are no JSON intake at all
 * (broken JSON, invalid UTF-8, another content type, another root).
 */
final class HostileIntakes {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Fields that must be there, and must not be null. */
    private static final List<String> REQUIRED = List.of("/patient", "/complaint", "/patient/mrn", "/patient/givenName",
            "/patient/familyName", "/patient/birthDate", "/complaint/region", "/complaint/symptomDurationDays",
            "/complaint/painScore", "/startBack/answers");

    /** Each field and the JSON kinds it accepts besides null (codes, such as sex and region, take none of them). */
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

    private static final Map<String, JsonNode> VALUES_BY_KIND = Map.of(
            "string", JSON.textNode("text"), "integer", JSON.numberNode(42), "number", JSON.numberNode(3.5),
            "boolean", JSON.booleanNode(true), "array", JSON.arrayNode().add(1).add("two"),
            "object", JSON.objectNode().put("any", "thing"));

    /** Fields with a length limit: pointer → the first length refused. */
    private static final Map<String, Integer> TOO_LONG_FROM = Map.of("/patient/mrn", 33, "/patient/givenName", 101,
            "/patient/familyName", 101, "/patient/phone", 33, "/referrer/name", 201, "/referrer/organisation", 201,
            "/complaint/description", 2001);

    /** The body size issue 10 caps (finding 6): a body beyond it is to be refused whole, with 413. */
    private static final int BODY_CAP = 64 * 1024;

    /** Numbers with a range: pointer → [lowest, highest] accepted. */
    private static final Map<String, long[]> RANGES = Map.of("/complaint/painScore", new long[]{0, 10},
            "/complaint/symptomDurationDays", new long[]{0, 3650}, "/conservativeCareWeeks", new long[]{0, 520});

    private static final List<String> OBJECTS = List.of("", "/patient", "/complaint", "/referrer", "/startBack");

    private static final List<String> CODES = List.of("/complaint/region", "/patient/sex", "/findings/0",
            "/startBack/answers/8");

    private static final List<String> DATE_PATTERNS = List.of("dd/MM/yyyy", "MM-dd-yyyy", "yyyy/MM/dd", "yyyyMMdd",
            "d MMM yyyy", "yyyy-M-d'T'00:00", "yyyy-MM-dd'T'00:00:00'Z'", "yy-MM-dd", "yyyy-MM-dd ", " yyyy-MM-dd");

    private static final List<String> OTHER_CONTENT_TYPES = List.of("text/plain", "application/xml", "text/html",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=fuzz", "application/octet-stream",
            "image/png");

    private static final List<byte[]> INVALID_UTF8 = List.of(new byte[]{(byte) 0xC3, 0x28},
            new byte[]{(byte) 0xFF}, new byte[]{(byte) 0xFE, (byte) 0xFF}, new byte[]{(byte) 0xC0, (byte) 0xAF},
            new byte[]{(byte) 0xE2, (byte) 0x82}, new byte[]{(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[]{(byte) 0x80});

    private static final String MARK = "FUZZMARK";

    /** One kind of flaw, made into a request from a valid intake. */
    private interface Flaw {
        HostileRequest make(ObjectNode valid, FuzzRandom random);
    }

    /**
     * The kinds of flaw in turn, each as often as its weight, so every kind is in every run whatever the seed
     * (2,000 bodies are 51 rounds of 39, and 11 more).
     */
    private static final List<Flaw> TURNS = Stream.of(
                    weighted(3, HostileIntakes::missing), weighted(3, HostileIntakes::nulled),
                    weighted(4, HostileIntakes::wrongType), weighted(3, HostileIntakes::extraField),
                    weighted(3, HostileIntakes::tooLong), weighted(3, HostileIntakes::unknownCode),
                    weighted(3, HostileIntakes::badDate), weighted(3, HostileIntakes::outOfRange),
                    weighted(2, HostileIntakes::deeplyNested), weighted(2, HostileIntakes::brokenStartBack),
                    weighted(1, HostileIntakes::repeatedFinding), weighted(1, HostileIntakes::careWithoutAnswer),
                    weighted(3, HostileIntakes::brokenJson), weighted(2, HostileIntakes::invalidUtf8),
                    weighted(2, HostileIntakes::otherContentType), weighted(1, HostileIntakes::otherRoot))
            .flatMap(List::stream).toList();

    private HostileIntakes() {
    }

    /** The {@code number}th hostile request (counting from 1) of a run. */
    static HostileRequest number(int number, FuzzRandom random) {
        return TURNS.get((number - 1) % TURNS.size()).make(ValidIntakes.next(random), random);
    }

    private static List<Flaw> weighted(int weight, Flaw flaw) {
        return Collections.nCopies(weight, flaw);
    }

    private static HostileRequest missing(ObjectNode valid, FuzzRandom random) {
        String pointer = random.pick(REQUIRED);
        ObjectNode intake = valid.deepCopy();
        parentOf(intake, pointer).remove(nameOf(pointer));
        return request("missing " + pointer, intake);
    }

    private static HostileRequest nulled(ObjectNode valid, FuzzRandom random) {
        String pointer = random.pick(REQUIRED);
        ObjectNode intake = valid.deepCopy();
        parentOf(intake, pointer).putNull(nameOf(pointer));
        return request("null " + pointer, intake);
    }

    private static HostileRequest wrongType(ObjectNode valid, FuzzRandom random) {
        String pointer = random.pick(sorted(KINDS.keySet()));
        String kind = random.pick(sorted(VALUES_BY_KIND.keySet()).stream()
                .filter(other -> !KINDS.get(pointer).contains(other)).toList());
        ObjectNode intake = valid.deepCopy();
        parentOf(intake, pointer).set(nameOf(pointer), VALUES_BY_KIND.get(kind));
        return request(pointer + " as " + (kind.matches("[aeiou].*") ? "an " : "a ") + kind, intake);
    }

    private static HostileRequest extraField(ObjectNode valid, FuzzRandom random) {
        String object = random.pick(OBJECTS);
        String field = "x" + random.text(ValidIntakes.LETTERS, 1, 40); // no field of intake.md starts with a lower-case x
        ObjectNode intake = valid.deepCopy();
        (object.isEmpty() ? intake : ensureObject(intake, object)).put(field, "extra");
        return request("extra field " + object + "/" + field, intake);
    }

    private static HostileRequest tooLong(ObjectNode valid, FuzzRandom random) {
        String pointer = random.pick(sorted(TOO_LONG_FROM.keySet()));
        int from = TOO_LONG_FROM.get(pointer);
        int length = random.pick(List.<Supplier<Integer>>of(
                () -> from + random.between(0, 10), // just past the limit
                () -> random.between(from, BODY_CAP), // anywhere up to the body cap
                () -> random.between(BODY_CAP, 120_000))).get(); // beyond it: the whole body is too large
        ObjectNode intake = valid.deepCopy();
        parentOf(intake, pointer).put(nameOf(pointer), "1".repeat(length));
        return request(length + " characters at " + pointer, intake);
    }

    private static HostileRequest unknownCode(ObjectNode valid, FuzzRandom random) {
        String pointer = random.pick(CODES);
        String code = codeNoListHas(random);
        ObjectNode intake = valid.deepCopy();
        if (pointer.startsWith("/findings")) {
            intake.putArray("findings").add(code);
        } else if (pointer.startsWith("/startBack")) {
            ObjectNode startBack = ensureObject(intake, "/startBack");
            ArrayNode answers = validAnswers();
            answers.set(8, JSON.textNode(code));
            startBack.set("answers", answers);
        } else {
            parentOf(intake, pointer).put(nameOf(pointer), code);
        }
        return request("unknown code '" + code + "' at " + pointer, intake);
    }

    private static String codeNoListHas(FuzzRandom random) {
        while (true) {
            String code = random.pick(List.<Supplier<String>>of(
                    () -> random.text(ValidIntakes.LETTERS, 0, 30),
                    () -> random.pick(ValidIntakes.REGIONS).toLowerCase(),
                    () -> random.pick(ValidIntakes.SEXES).toUpperCase(),
                    () -> random.pick(ValidIntakes.FINDINGS) + " ")).get();
            if (Stream.of(ValidIntakes.REGIONS, ValidIntakes.SEXES, ValidIntakes.FINDINGS, ValidIntakes.BOTHERSOME)
                    .noneMatch(codes -> codes.contains(code))) {
                return code;
            }
        }
    }

    private static HostileRequest badDate(ObjectNode valid, FuzzRandom random) {
        String date = random.pick(List.<Supplier<String>>of(
                () -> wronglyWritten(random),
                () -> "%04d-%02d-%02d".formatted(random.between(1900, 2020), random.between(0, 99), random.between(32, 99)),
                () -> LocalDate.now().plusDays(random.between(1L, 40_000L) + 1).toString(),
                () -> LocalDate.now().minusYears(130).minusDays(random.between(1L, 40_000L) + 1).toString(),
                () -> random.pick(List.of("", "today", "1961-02-29", "0000-00-00")))).get();
        ObjectNode intake = valid.deepCopy();
        ensureObject(intake, "/patient").put("birthDate", date);
        return request("birthDate '" + date + "'", intake);
    }

    private static String wronglyWritten(FuzzRandom random) {
        String text;
        do {
            LocalDate date = LocalDate.now().plusDays(random.between(-60_000L, 60_000L));
            text = date.format(DateTimeFormatter.ofPattern(random.pick(DATE_PATTERNS)));
        } while (text.matches("\\d{4}-\\d{2}-\\d{2}"));
        return text;
    }

    private static HostileRequest outOfRange(ObjectNode valid, FuzzRandom random) {
        String pointer = random.pick(sorted(RANGES.keySet()));
        long[] range = RANGES.get(pointer);
        JsonNode number = random.pick(List.<Supplier<JsonNode>>of(
                () -> JSON.numberNode(random.between(Long.MIN_VALUE, range[0] - 1)),
                () -> JSON.numberNode(random.between(range[1] + 1, Long.MAX_VALUE)),
                () -> random.pick(List.of(JSON.numberNode(new BigInteger("99999999999999999999999999")),
                        JSON.numberNode(new BigDecimal("1e400")), JSON.numberNode(new BigDecimal("-1e400")),
                        JSON.numberNode(range[0] + 0.5))))).get();
        ObjectNode intake = valid.deepCopy();
        parentOf(intake, pointer).set(nameOf(pointer), number);
        return request(number + " at " + pointer, intake);
    }

    private static HostileRequest deeplyNested(ObjectNode valid, FuzzRandom random) {
        String pointer = random.pick(List.of("/patient/mrn", "/complaint/painScore", "/findings", "/startBack"));
        int depth = random.between(2, 5_000);
        String open = random.pick(List.of("[", "{\"a\":"));
        String close = open.equals("[") ? "]" : "}";
        ObjectNode intake = valid.deepCopy();
        parentOf(intake, pointer).put(nameOf(pointer), MARK);
        String body = text(intake).replace("\"" + MARK + "\"", open.repeat(depth) + "1" + close.repeat(depth));
        return HostileRequest.json(depth + " levels of " + open + " at " + pointer, body);
    }

    private static HostileRequest brokenStartBack(ObjectNode valid, FuzzRandom random) {
        int size = random.pick(List.of(random.between(0, 8), random.between(10, 30)));
        ArrayNode answers = JSON.arrayNode();
        for (int i = 0; i < size; i++) {
            answers.add(i == 8 ? JSON.textNode("VERY_MUCH") : JSON.booleanNode(i % 2 == 0));
        }
        ObjectNode intake = valid.deepCopy();
        ensureObject(intake, "/startBack").set("answers", answers);
        return request(size + " STarT Back answers", intake);
    }

    private static HostileRequest repeatedFinding(ObjectNode valid, FuzzRandom random) {
        ObjectNode intake = valid.deepCopy();
        intake.putArray("findings").add("FEVER").add("FEVER");
        return request("a finding twice", intake);
    }

    private static HostileRequest careWithoutAnswer(ObjectNode valid, FuzzRandom random) {
        ObjectNode intake = valid.deepCopy();
        intake.put("conservativeCareWeeks", 6).putNull("improving");
        return request("six weeks of care, improving not answered", intake);
    }

    private static HostileRequest brokenJson(ObjectNode valid, FuzzRandom random) {
        String intake = text(valid);
        return random.pick(List.<Supplier<HostileRequest>>of(
                () -> {
                    int length = random.between(0, intake.length() - 1);
                    return HostileRequest.json("cut after " + length + " characters", intake.substring(0, length));
                },
                () -> {
                    String tail = random.pick(List.of("}", "x", ",", "]", "{}", "\"", "null"));
                    return HostileRequest.json("'" + tail + "' after the intake", intake + tail);
                },
                () -> HostileRequest.json("JSON a lenient parser would take", random.pick(List.of(
                        intake.replace('"', '\''), intake.replaceFirst("\"patient\"", "patient"),
                        intake.replaceFirst("\\{", "{/* note */"), intake.replaceFirst("}$", ",}"),
                        intake.replaceFirst("\"painScore\":\\d+", "\"painScore\":NaN"),
                        intake.replaceFirst("\"painScore\":\\d+", "\"painScore\":07")))))).get();
    }

    private static HostileRequest invalidUtf8(ObjectNode valid, FuzzRandom random) {
        String pointer = random.pick(List.of("/patient/givenName", "/patient/mrn", "/complaint/description"));
        byte[] bytes = random.pick(INVALID_UTF8);
        ObjectNode intake = valid.deepCopy();
        parentOf(intake, pointer).put(nameOf(pointer), "A" + MARK);
        String[] halves = text(intake).split(MARK, 2);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(halves[0].getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(halves[1].getBytes(StandardCharsets.UTF_8));
        return new HostileRequest("invalid UTF-8 " + HexFormat.of().formatHex(bytes) + " in " + pointer,
                HostileRequest.JSON, body.toByteArray());
    }

    private static HostileRequest otherContentType(ObjectNode valid, FuzzRandom random) {
        String type = random.chance(0.1) ? null : random.pick(OTHER_CONTENT_TYPES);
        return new HostileRequest("a valid intake sent as " + (type == null ? "no content type" : type), type,
                text(valid).getBytes(StandardCharsets.UTF_8));
    }

    private static HostileRequest otherRoot(ObjectNode valid, FuzzRandom random) {
        String body = random.pick(List.of("", "null", "[]", "[{}]", "\"intake\"", "42", "true", "{}", " ", "\uFEFF{}"));
        return HostileRequest.json("the body '" + body + "'", body);
    }

    /** A set's order may change from one JVM to the next; picking from it sorted keeps a seed's run the same. */
    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
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

    /**
     * The object holding the field at {@code pointer}. The optional objects (referrer, startBack) may be null or
     * absent in a valid intake; a flaw inside one puts it there first.
     */
    private static ObjectNode parentOf(ObjectNode intake, String pointer) {
        String parent = pointer.substring(0, pointer.lastIndexOf('/'));
        return parent.isEmpty() ? intake : ensureObject(intake, parent);
    }

    private static String nameOf(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1);
    }
}
