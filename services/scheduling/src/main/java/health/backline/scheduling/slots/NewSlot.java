package health.backline.scheduling.slots;

import com.fasterxml.jackson.databind.JsonNode;
import health.backline.events.Pathway;
import health.backline.starter.web.FieldProblem;
import health.backline.starter.web.InvalidRequestException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Capacity to add: a slot before it has an id. */
public record NewSlot(Pathway pathway, String resource, String location, Instant start, Instant end) {

    /** The pathways that have slots; an ER handoff is booked at once, without one. */
    public static final Set<Pathway> WITH_SLOTS =
            Set.of(Pathway.URGENT_IMAGING, Pathway.PHYSICAL_THERAPY, Pathway.PRIMARY_CARE_FOLLOW_UP);

    static final int MAX_TEXT = 100;
    private static final Set<String> PROPERTIES = Set.of("pathway", "resource", "location", "start", "end");

    /**
     * Reads a {@code POST /api/slots} body, checking every field before answering.
     *
     * @throws InvalidRequestException listing every offending field (JSON Pointers)
     */
    static NewSlot from(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("", "must be a JSON object with pathway, resource, location, start and end");
        }
        List<FieldProblem> problems = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!PROPERTIES.contains(name)) {
                problems.add(new FieldProblem("/" + name, "is not a property of a slot"));
            }
        });
        Pathway pathway = pathway(body.get("pathway"), problems);
        String resource = text(body.get("resource"), "/resource", problems);
        String location = text(body.get("location"), "/location", problems);
        Instant start = instant(body.get("start"), "/start", problems);
        Instant end = instant(body.get("end"), "/end", problems);
        if (start != null && end != null && !end.isAfter(start)) {
            problems.add(new FieldProblem("/end", "must be after start"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new NewSlot(pathway, resource, location, start, end);
    }

    private static Pathway pathway(JsonNode value, List<FieldProblem> problems) {
        String allowed = WITH_SLOTS.stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
        if (value == null || value.isNull()) {
            problems.add(new FieldProblem("/pathway", "is required: one of " + allowed));
            return null;
        }
        Pathway pathway = value.isTextual() ? Arrays.stream(Pathway.values())
                .filter(p -> p.name().equals(value.asText())).findFirst().orElse(null) : null;
        if (pathway == Pathway.ER_REFERRAL) {
            problems.add(new FieldProblem("/pathway",
                    "ER_REFERRAL has no slots (the emergency department handoff is booked at once): use one of " + allowed));
            return null;
        }
        if (pathway == null) {
            problems.add(new FieldProblem("/pathway", "must be one of " + allowed));
        }
        return pathway;
    }

    private static String text(JsonNode value, String pointer, List<FieldProblem> problems) {
        if (value == null || value.isNull()) {
            problems.add(new FieldProblem(pointer, "is required (1-" + MAX_TEXT + " characters)"));
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank() || value.asText().strip().length() > MAX_TEXT) {
            problems.add(new FieldProblem(pointer, "must be text of 1-" + MAX_TEXT + " characters"));
            return null;
        }
        return value.asText().strip();
    }

    private static Instant instant(JsonNode value, String pointer, List<FieldProblem> problems) {
        if (value == null || value.isNull()) {
            problems.add(new FieldProblem(pointer, "is required: an ISO-8601 instant such as 2026-11-22T09:00:00Z"));
            return null;
        }
        try {
            if (value.isTextual()) {
                return Instant.parse(value.asText());
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        problems.add(new FieldProblem(pointer, "must be an ISO-8601 instant such as 2026-11-22T09:00:00Z"));
        return null;
    }
}
