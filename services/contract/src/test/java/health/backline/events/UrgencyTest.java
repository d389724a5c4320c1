package health.backline.events;

import static health.backline.events.Pathway.ER_REFERRAL;
import static health.backline.events.Pathway.PHYSICAL_THERAPY;
import static health.backline.events.Pathway.PRIMARY_CARE_FOLLOW_UP;
import static health.backline.events.Pathway.URGENT_IMAGING;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What "less urgent" means, the one definition the rule replay's under-triage count uses. */
class UrgencyTest {

    @Test
    void stat_before_urgent_before_routine() {
        assertThat(Priority.URGENT.isLessUrgentThan(Priority.STAT)).isTrue();
        assertThat(Priority.ROUTINE.isLessUrgentThan(Priority.URGENT)).isTrue();
        assertThat(Priority.STAT.isLessUrgentThan(Priority.ROUTINE)).isFalse();
        assertThat(Priority.URGENT.isLessUrgentThan(Priority.URGENT)).isFalse();
    }

    @Test
    void physical_therapy_and_primary_care_are_equally_urgent() {
        assertThat(PHYSICAL_THERAPY.isLessUrgentThan(URGENT_IMAGING)).isTrue();
        assertThat(URGENT_IMAGING.isLessUrgentThan(ER_REFERRAL)).isTrue();
        assertThat(PRIMARY_CARE_FOLLOW_UP.isLessUrgentThan(ER_REFERRAL)).isTrue();
        assertThat(PRIMARY_CARE_FOLLOW_UP.isLessUrgentThan(PHYSICAL_THERAPY)).isFalse();
        assertThat(PHYSICAL_THERAPY.isLessUrgentThan(PRIMARY_CARE_FOLLOW_UP)).isFalse();
        assertThat(ER_REFERRAL.isLessUrgentThan(URGENT_IMAGING)).isFalse();
    }

    @Test
    void a_retriage_applies_at_once_only_when_it_is_more_urgent_or_the_same() {
        assertThat(ER_REFERRAL.appliesAtOnceOver(PHYSICAL_THERAPY)).isTrue();
        assertThat(URGENT_IMAGING.appliesAtOnceOver(PRIMARY_CARE_FOLLOW_UP)).isTrue();
        assertThat(PHYSICAL_THERAPY.appliesAtOnceOver(PHYSICAL_THERAPY)).isTrue();
        assertThat(PHYSICAL_THERAPY.appliesAtOnceOver(URGENT_IMAGING)).as("a downgrade").isFalse();
        assertThat(PRIMARY_CARE_FOLLOW_UP.appliesAtOnceOver(PHYSICAL_THERAPY)).as("as urgent, but elsewhere").isFalse();
    }
}
