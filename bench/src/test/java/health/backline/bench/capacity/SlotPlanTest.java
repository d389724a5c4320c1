package health.backline.bench.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import health.backline.bench.capacity.SlotPlan.NewSlot;
import health.backline.bench.load.Pathway;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SlotPlanTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:17:00Z");

    @Test
    void each_pathway_with_slots_gets_its_referrals_times_the_margin_and_er_gets_none() {
        SlotPlan plan = SlotPlan.covering(Map.of(Pathway.PRIMARY_CARE_FOLLOW_UP, 100L, Pathway.PHYSICAL_THERAPY, 75L,
                Pathway.URGENT_IMAGING, 37L, Pathway.ER_REFERRAL, 38L), 1.25, NOW, "abc");

        Map<Pathway, Long> perPathway = plan.slots().stream()
                .collect(Collectors.groupingBy(NewSlot::pathway, Collectors.counting()));
        assertThat(perPathway).containsOnly(Map.entry(Pathway.PRIMARY_CARE_FOLLOW_UP, 125L),
                Map.entry(Pathway.PHYSICAL_THERAPY, 94L), Map.entry(Pathway.URGENT_IMAGING, 47L));
    }

    @Test
    void slots_never_repeat_a_resource_and_start_and_all_lie_within_the_shortest_booking_window() {
        SlotPlan plan = SlotPlan.covering(Map.of(Pathway.URGENT_IMAGING, 500L), 1.0, NOW, "abc");

        assertThat(plan.slots()).extracting(slot -> slot.resource() + "@" + slot.start()).doesNotHaveDuplicates();
        assertThat(plan.slots()).allSatisfy(slot -> {
            assertThat(slot.start()).isAfter(NOW).isBefore(NOW.plus(Duration.ofHours(48)));
            assertThat(slot.end()).isEqualTo(slot.start().plus(Duration.ofMinutes(30)));
            assertThat(slot.resource()).startsWith("MRI-Babc-");
            assertThat(slot.location()).isEqualTo("Imaging suite");
        });
        assertThat(plan.slots().get(0).start()).isEqualTo(Instant.parse("2026-12-02T12:00:00Z"));
    }
}
