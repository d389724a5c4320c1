package health.backline.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrivalPlanTest {

    @Test
    void referral_i_is_due_i_over_rate_seconds_after_the_start() {
        ArrivalPlan plan = ArrivalPlan.steady(4, Duration.ofSeconds(2), PathwayMix.standard());

        assertThat(plan.arrivals()).extracting(Arrival::offsetNanos)
                .containsExactly(0L, 250_000_000L, 500_000_000L, 750_000_000L, 1_000_000_000L, 1_250_000_000L,
                        1_500_000_000L, 1_750_000_000L);
        assertThat(plan.offeredRate()).isEqualTo(4.0);
    }

    @Test
    void a_fractional_rate_is_kept_to_the_nanosecond_without_drift() {
        ArrivalPlan plan = ArrivalPlan.steady(3, Duration.ofSeconds(60), PathwayMix.standard());

        assertThat(plan.size()).isEqualTo(180);
        assertThat(plan.arrivals().get(179).offsetNanos()).isEqualTo(59_666_666_667L);
        assertThat(plan.arrivals().get(1).offsetNanos()).isEqualTo(333_333_333L);
    }

    @Test
    void the_er_probe_merges_two_streams_in_sending_order() {
        ArrivalPlan routine = ArrivalPlan.steady(3, Duration.ofSeconds(2), PathwayMix.routine());
        ArrivalPlan er = ArrivalPlan.steady(1, Duration.ofSeconds(2), PathwayMix.only(Pathway.ER_REFERRAL));

        ArrivalPlan both = routine.with(er);

        assertThat(both.size()).isEqualTo(8);
        assertThat(both.arrivals()).extracting(Arrival::offsetNanos).isSorted();
        assertThat(both.countByPathway().get(Pathway.ER_REFERRAL)).isEqualTo(2);
        assertThat(both.offeredRate()).isEqualTo(4.0);
    }

    @Test
    void every_twenty_referrals_of_the_standard_mix_are_eight_six_three_and_three() {
        List<Pathway> sequence = PathwayMix.standard().sequence(20);

        assertThat(sequence).filteredOn(Pathway.PRIMARY_CARE_FOLLOW_UP::equals).hasSize(8);
        assertThat(sequence).filteredOn(Pathway.PHYSICAL_THERAPY::equals).hasSize(6);
        assertThat(sequence).filteredOn(Pathway.URGENT_IMAGING::equals).hasSize(3);
        assertThat(sequence).filteredOn(Pathway.ER_REFERRAL::equals).hasSize(3);
        assertThat(PathwayMix.standard().sequence(40).subList(20, 40)).isEqualTo(sequence);
    }

    @Test
    void the_routine_mix_has_no_er_referral() {
        assertThat(PathwayMix.routine().sequence(85)).doesNotContain(Pathway.ER_REFERRAL).hasSize(85);
    }
}
