package health.backline.scheduling;

import health.backline.events.Pathway;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the scheduling service can be tuned with ({@code backline.scheduling.*}); every value is
 * named and defaulted in {@code application.yml}.
 *
 * @param erHandoffDuration how long an emergency-department handoff appointment lasts (it starts at once)
 * @param seed              the capacity seeded for the embedded default
 */
@ConfigurationProperties("backline.scheduling")
public record SchedulingProperties(Duration erHandoffDuration, Seed seed) {

    /**
     * @param enabled   whether slots are seeded at all
     * @param days      how many days ahead, today included, slots are kept seeded
     * @param cron      when seeding runs again (in the clinic's zone); {@code -} switches the daily run off
     * @param batchSize how many slots go to the database in one batch
     * @param timetable the clinic's weekly opening hours, per pathway
     */
    public record Seed(boolean enabled, int days, String cron, int batchSize, List<Opening> timetable) {
    }

    /**
     * One pathway's opening hours: on each of {@code days}, one slot of {@code slotLength} on each
     * resource from {@code opens}, the last one starting {@code slotLength} before {@code closes}
     * (local clinic time).
     */
    public record Opening(Pathway pathway, List<String> resources, String location, Set<DayOfWeek> days,
                          LocalTime opens, LocalTime closes, Duration slotLength) {

        public Opening {
            if (pathway == null || pathway == Pathway.ER_REFERRAL) {
                throw new IllegalArgumentException("A timetable entry needs a pathway with slots, not " + pathway);
            }
            if (resources == null || resources.isEmpty() || location == null || days == null) {
                throw new IllegalArgumentException(pathway + ": resources, location and days are required");
            }
            if (opens == null || closes == null || !opens.isBefore(closes)) {
                throw new IllegalArgumentException(pathway + ": opens must be before closes");
            }
            if (slotLength == null || slotLength.isNegative() || slotLength.isZero()) {
                throw new IllegalArgumentException(pathway + ": slot-length must be positive");
            }
        }
    }
}
