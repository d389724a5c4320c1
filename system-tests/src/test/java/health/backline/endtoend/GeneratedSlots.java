package health.backline.endtoend;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Slots for a pathway beyond the seeded ones, as {@code POST /api/slots} bodies: half-hour slots from two hours
 * from now, 48 a day per resource ({@code <prefix>-0}, {@code <prefix>-1} ...), inside every pathway's booking window.
 */
final class GeneratedSlots {

    private GeneratedSlots() {
    }

    static List<String> bodies(String pathway, String resourcePrefix, String location, int count) {
        Instant first = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(2));
        List<String> bodies = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            Instant start = first.plus(Duration.ofMinutes(30L * (n % 48)));
            bodies.add("""
                    {"pathway": "%s", "resource": "%s-%d", "location": "%s", "start": "%s", "end": "%s"}"""
                    .formatted(pathway, resourcePrefix, n / 48, location, start, start.plus(Duration.ofMinutes(30))));
        }
        return bodies;
    }
}
