package health.backline.events.payload;

import static org.assertj.core.api.Assertions.assertThat;

import health.backline.events.EventPayload;
import health.backline.events.Pathway;
import health.backline.events.Priority;
import health.backline.events.ReferralStatus;
import health.backline.events.intake.Finding;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each event's lane (ADR 2): a red flag before triage, the clinical priority after it. */
class EventLaneTest {

    private static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");

    @Test
    void a_submission_is_urgent_with_a_red_flag_and_routine_without_one() {
        assertThat(submitted(Finding.SADDLE_ANESTHESIA, Finding.MINOR_TRAUMA).lane()).isEqualTo(Priority.URGENT);
        assertThat(submitted(Finding.MINOR_TRAUMA).lane()).isEqualTo(Priority.ROUTINE);
        assertThat(submitted().lane()).isEqualTo(Priority.ROUTINE);
    }

    @Test
    void after_triage_every_event_travels_at_its_referrals_priority() {
        for (Pathway pathway : Pathway.values()) {
            List<EventPayload> events = List.of(
                    new ReferralTriaged("r", pathway, pathway.priority(), List.of(), List.of(), null),
                    AppointmentRequested.earliestBefore("r", pathway, NOW),
                    new ReferralStatusChanged("r", ReferralStatus.TRIAGED, pathway, null, NOW),
                    new AppointmentBooked("r", pathway, NOW, NOW.plusSeconds(1800), "Clinic", "Room 1"));

            assertThat(events).extracting(EventPayload::lane).as(pathway.name()).containsOnly(pathway.priority());
        }
        assertThat(Pathway.ER_REFERRAL.priority()).isEqualTo(Priority.STAT);
    }

    @Test
    void an_event_without_a_priority_is_routine() {
        assertThat(new ReferralTriaged("r", null, null, List.of(), List.of(), null).lane()).isEqualTo(Priority.ROUTINE);
        assertThat(new ReferralStatusChanged("r", ReferralStatus.CANCELLED, null, null, NOW).lane()).isEqualTo(Priority.ROUTINE);
        assertThat(new ReferralCancelRequested("r", "moved away", "frontdesk").lane()).isEqualTo(Priority.ROUTINE);
    }

    private static ReferralSubmitted submitted(Finding... findings) {
        return new ReferralSubmitted("r", NOW, null, null, List.of(findings), null, null, null);
    }
}
