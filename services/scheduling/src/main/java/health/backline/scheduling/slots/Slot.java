package health.backline.scheduling.slots;

import health.backline.events.Pathway;
import java.time.Instant;
import java.util.UUID;

/**
 * One bookable period of one resource, as the slots API shows it. {@code booked} says whether an
 * appointment holds it now.
 */
public record Slot(UUID id, Pathway pathway, String resource, String location, Instant start, Instant end,
                   boolean booked) {

    /** How a scheduler recognises it: "MRI-1 at 2026-11-22T09:00:00Z". */
    public String describe() {
        return resource + " at " + start;
    }
}
