package health.backline.scheduling.slots;

import static org.assertj.core.api.Assertions.assertThat;

import health.backline.scheduling.SchedulingServiceTest;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The seeded timetable: the right slots on the right days, in London time, once. */
@SchedulingServiceTest
class SlotSeederIT {

    private static final Logger log = LoggerFactory.getLogger(SlotSeederIT.class);
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Autowired
    SlotSeeder seeder;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_week_has_imaging_every_day_and_physiotherapy_and_primary_care_on_weekdays() {
        // Monday 23 to Sunday 29 March 2099; the clocks go forward on the Sunday (01:00 GMT becomes 02:00 BST).
        LocalDate monday = LocalDate.of(2099, 3, 23);

        int added = seeder.seed(monday, 7);

        assertThat(added).isEqualTo(7 * 48 + 5 * 16 + 5 * 16);
        Map<String, Long> perDay = countsPerPathwayAndDay(monday, 7);
        for (LocalDate day = monday; day.isBefore(monday.plusDays(7)); day = day.plusDays(1)) {
            boolean weekday = day.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue();
            assertThat(perDay.getOrDefault("URGENT_IMAGING " + day, 0L)).as("imaging on " + day).isEqualTo(48);
            assertThat(perDay.getOrDefault("PHYSICAL_THERAPY " + day, 0L)).as("physiotherapy on " + day)
                    .isEqualTo(weekday ? 16 : 0);
            assertThat(perDay.getOrDefault("PRIMARY_CARE_FOLLOW_UP " + day, 0L)).as("primary care on " + day)
                    .isEqualTo(weekday ? 16 : 0);
        }
        assertThat(slots("URGENT_IMAGING", monday.plusDays(6)))
                .allSatisfy(slot -> assertThat(slot.location()).isEqualTo("Imaging suite"))
                .extracting(Slot::resource).containsOnly("MRI-1", "MRI-2");
        assertThat(slots("PHYSICAL_THERAPY", monday)).extracting(Slot::resource, Slot::location)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("PT-1", "Physiotherapy clinic"));
        assertThat(slots("PRIMARY_CARE_FOLLOW_UP", monday)).extracting(Slot::resource, Slot::location)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("GP-1", "Primary care clinic"));
    }

    @Test
    void on_the_days_the_clocks_change_slots_keep_to_london_time() {
        LocalDate springForward = LocalDate.of(2097, 3, 31);
        LocalDate fallBack = LocalDate.of(2097, 10, 27);
        seeder.seed(springForward.minusDays(1), 2);
        seeder.seed(fallBack.minusDays(1), 2);

        // Saturday before: still GMT. Sunday: BST, so 08:00 in London is 07:00 UTC.
        assertThat(slots("URGENT_IMAGING", springForward.minusDays(1)).get(0).start()).isEqualTo(Instant.parse("2097-03-30T08:00:00Z"));
        List<Slot> sunday = slots("URGENT_IMAGING", springForward);
        assertThat(sunday).hasSize(48);
        assertThat(sunday.get(0).start()).isEqualTo(Instant.parse("2097-03-31T07:00:00Z"));
        assertThat(sunday.get(sunday.size() - 1).start()).isEqualTo(Instant.parse("2097-03-31T18:30:00Z"));
        assertThat(sunday.get(sunday.size() - 1).end()).isEqualTo(Instant.parse("2097-03-31T19:00:00Z"));
        // Saturday before: BST. Sunday: back to GMT.
        assertThat(slots("URGENT_IMAGING", fallBack.minusDays(1)).get(0).start()).isEqualTo(Instant.parse("2097-10-26T07:00:00Z"));
        List<Slot> autumnSunday = slots("URGENT_IMAGING", fallBack);
        assertThat(autumnSunday).hasSize(48);
        assertThat(autumnSunday.get(0).start()).isEqualTo(Instant.parse("2097-10-27T08:00:00Z"));
        assertThat(autumnSunday.get(autumnSunday.size() - 1).start()).isEqualTo(Instant.parse("2097-10-27T19:30:00Z"));
        assertThat(autumnSunday).allSatisfy(slot ->
                assertThat(LocalTime.ofInstant(slot.start(), LONDON)).isBetween(LocalTime.of(8, 0), LocalTime.of(19, 30)));
    }

    @Test
    void seeding_again_adds_nothing() {
        LocalDate first = LocalDate.of(2098, 6, 1);
        long started = System.nanoTime();
        int added = seeder.seed(first, 30);
        long millis = (System.nanoTime() - started) / 1_000_000;
        long count = countBetween(first, 30);

        int again = seeder.seed(first, 30);

        assertThat(added).isPositive();
        assertThat(count).isEqualTo(added);
        assertThat(again).isZero();
        assertThat(countBetween(first, 30)).isEqualTo(count);
        log.info("Seeding 30 days from {}: {} slots in {} ms; again: {} added", first, added, millis, again);
    }

    @Test
    void at_start_up_the_next_thirty_days_are_seeded() {
        LocalDate today = LocalDate.now(LONDON);
        Map<String, Long> perDay = countsPerPathwayAndDay(today, 31);
        for (LocalDate day = today; day.isBefore(today.plusDays(30)); day = day.plusDays(1)) {
            boolean weekday = day.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue();
            assertThat(perDay.getOrDefault("URGENT_IMAGING " + day, 0L)).as("imaging on " + day).isEqualTo(48);
            assertThat(perDay.getOrDefault("PHYSICAL_THERAPY " + day, 0L)).as("physiotherapy on " + day)
                    .isEqualTo(weekday ? 16 : 0);
        }
        assertThat(perDay.keySet()).noneMatch(key -> key.endsWith(" " + today.plusDays(30)));
    }

    private List<Slot> slots(String pathway, LocalDate day) {
        return jdbc.sql("""
                        SELECT id, pathway, resource, location, start_at, end_at FROM slot
                        WHERE pathway = ? AND start_at >= ? AND start_at < ? ORDER BY start_at, resource""")
                .params(pathway, startOf(day), startOf(day.plusDays(1)))
                .query((rs, n) -> new Slot(rs.getObject("id", java.util.UUID.class),
                        health.backline.events.Pathway.valueOf(rs.getString("pathway")), rs.getString("resource"),
                        rs.getString("location"), rs.getTimestamp("start_at").toInstant(),
                        rs.getTimestamp("end_at").toInstant(), false))
                .list();
    }

    private Map<String, Long> countsPerPathwayAndDay(LocalDate first, int days) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("""
                        SELECT pathway, CAST(start_at AT TIME ZONE 'Europe/London' AS date) AS day, count(*) AS n
                        FROM slot WHERE start_at >= ? AND start_at < ? GROUP BY 1, 2""")
                .params(startOf(first), startOf(first.plusDays(days)))
                .query((rs, n) -> counts.put(rs.getString("pathway") + " " + rs.getObject("day", LocalDate.class),
                        rs.getLong("n")))
                .list();
        return counts;
    }

    private long countBetween(LocalDate first, int days) {
        return jdbc.sql("SELECT count(*) FROM slot WHERE start_at >= ? AND start_at < ?")
                .params(startOf(first), startOf(first.plusDays(days))).query(Long.class).single();
    }

    private static Timestamp startOf(LocalDate day) {
        return Timestamp.from(day.atStartOfDay(LONDON).toInstant());
    }
}
