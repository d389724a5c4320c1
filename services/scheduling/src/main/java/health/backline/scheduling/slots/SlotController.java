package health.backline.scheduling.slots;

import com.fasterxml.jackson.databind.JsonNode;
import health.backline.events.Pathway;
import health.backline.starter.web.FieldProblem;
import health.backline.starter.web.InvalidRequestException;
import health.backline.starter.web.ProblemException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The slots API of the contract: see capacity, free and booked, and add to it. */
@RestController
@RequestMapping("/api/slots")
class SlotController {

    static final Duration DEFAULT_RANGE = Duration.ofDays(7);
    static final Duration MAX_RANGE = Duration.ofDays(31);

    private final Slots slots;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    SlotController(Slots slots, Clock clock, ApplicationEventPublisher events) {
        this.slots = slots;
        this.clock = clock;
        this.events = events;
    }

    /** Slots starting in [from, to), by start; from defaults to now, to to a week after from. */
    @GetMapping
    List<Slot> list(@RequestParam(required = false) String pathway,
                    @RequestParam(required = false) String from,
                    @RequestParam(required = false) String to) {
        List<FieldProblem> problems = new ArrayList<>();
        Pathway onePathway = pathway == null || pathway.isEmpty() ? null : pathway(pathway, problems);
        Instant start = from == null || from.isEmpty() ? clock.instant() : instant("from", from, problems);
        Instant end = to == null || to.isEmpty() ? (start == null ? null : start.plus(DEFAULT_RANGE))
                : instant("to", to, problems);
        if (start != null && end != null) {
            if (!end.isAfter(start)) {
                problems.add(new FieldProblem("to", "must be after from (" + start + ")"));
            } else if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
                problems.add(new FieldProblem("to", "must be at most " + MAX_RANGE.toDays() + " days after from (" + start + ")"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return slots.startingBetween(onePathway, start, end);
    }

    @GetMapping("/{id}")
    Slot get(@PathVariable UUID id) {
        return slots.find(id).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "Slot not found",
                "No slot has id " + id));
    }

    @PostMapping
    ResponseEntity<Slot> add(@RequestBody JsonNode body) {
        NewSlot slot = NewSlot.from(body);
        Slot added = slots.add(slot).orElseThrow(() -> new ProblemException(HttpStatus.CONFLICT, "Slot already exists",
                slot.resource() + " already has a slot starting at " + slot.start()));
        events.publishEvent(new CapacityAvailable(added.pathway()));
        // Re-read: a referral waiting for a slot may have been booked into it already.
        return ResponseEntity.created(URI.create("/api/slots/" + added.id())).body(slots.find(added.id()).orElseThrow());
    }

    private static Pathway pathway(String value, List<FieldProblem> problems) {
        return Arrays.stream(Pathway.values()).filter(p -> p.name().equals(value)).findFirst().orElseGet(() -> {
            problems.add(new FieldProblem("pathway", "must be one of " + Arrays.toString(Pathway.values())));
            return null;
        });
    }

    private static Instant instant(String parameter, String value, List<FieldProblem> problems) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(parameter, "must be an ISO-8601 instant such as 2026-11-22T09:00:00Z"));
            return null;
        }
    }
}
