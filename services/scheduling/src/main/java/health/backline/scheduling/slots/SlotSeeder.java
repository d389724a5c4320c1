package health.backline.scheduling.slots;

import health.backline.scheduling.SchedulingProperties;
import health.backline.scheduling.SchedulingProperties.Opening;
import health.backline.scheduling.SchedulingProperties.Seed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the clinic's timetable ({@code backline.scheduling.seed.timetable}) seeded as slots for
 * the next {@code days} days: at start-up, then daily. Times are the clinic's local times, so a
 * 08:00 slot starts at 08:00 in London on both sides of a clock change. A slot that exists already
 * (same resource and start) is left alone, so restarts and reruns add nothing twice.
 */
@Component
public class SlotSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SlotSeeder.class);

    private final Slots slots;
    private final Seed seed;
    private final Clock clock;
    private final ZoneId clinicZone;

    SlotSeeder(Slots slots, SchedulingProperties properties, Clock clock, ZoneId clinicZone) {
        this.slots = slots;
        this.seed = properties.seed();
        this.clock = clock;
        this.clinicZone = clinicZone;
    }

    @Override
    public void run(ApplicationArguments args) {
        seedAhead();
    }

    @Scheduled(cron = "${backline.scheduling.seed.cron}", zone = "${backline.clinic-zone}")
    void seedAhead() {
        if (seed.enabled()) {
            seed(LocalDate.now(clock.withZone(clinicZone)), seed.days());
        }
    }

    /** Makes sure every slot of the timetable exists for {@code days} days from {@code firstDay}; returns how many were added. */
    public int seed(LocalDate firstDay, int days) {
        long started = System.nanoTime();
        List<NewSlot> timetable = timetable(firstDay, days);
        int added = slots.addMissing(timetable, seed.batchSize());
        log.info("Seeded slots for {} days from {} ({}): {} added, {} there already, in {} ms", days, firstDay,
                clinicZone, added, timetable.size() - added, (System.nanoTime() - started) / 1_000_000);
        return added;
    }

    /** Every slot the timetable gives for these days, in the clinic's zone. */
    List<NewSlot> timetable(LocalDate firstDay, int days) {
        List<NewSlot> all = new ArrayList<>();
        for (LocalDate day = firstDay; day.isBefore(firstDay.plusDays(days)); day = day.plusDays(1)) {
            for (Opening opening : seed.timetable()) {
                if (!opening.days().contains(day.getDayOfWeek())) {
                    continue;
                }
                LocalTime time = opening.opens();
                // Until the next slot would end after closing (or run past midnight).
                while (!time.isBefore(opening.opens())
                        && Duration.between(time, opening.closes()).compareTo(opening.slotLength()) >= 0) {
                    Instant start = ZonedDateTime.of(day, time, clinicZone).toInstant();
                    Instant end = ZonedDateTime.of(day, time.plus(opening.slotLength()), clinicZone).toInstant();
                    for (String resource : opening.resources()) {
                        all.add(new NewSlot(opening.pathway(), resource, opening.location(), start, end));
                    }
                    time = time.plus(opening.slotLength());
                }
            }
        }
        return all;
    }
}
