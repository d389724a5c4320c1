package health.backline.bench.follow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.backline.bench.load.Pathway;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MilestonesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_booked_referral_has_each_milestone_from_its_own_timeline() throws Exception {
        Milestones milestones = Milestones.of(view("SCHEDULED", "PHYSICAL_THERAPY", """
                [{"at": "2026-12-02T10:00:00.000Z", "status": "SUBMITTED", "detail": "Intake recorded"},
                 {"at": "2026-12-02T10:00:00.150Z", "status": "TRIAGED", "detail": "Triage proposes PHYSICAL_THERAPY"},
                 {"at": "2026-12-02T10:00:00.420Z", "status": "SCHEDULED", "detail": "Booked"}]"""));

        assertThat(milestones.pathway()).isEqualTo(Pathway.PHYSICAL_THERAPY);
        assertThat(milestones.triagedAt()).isEqualTo(Instant.parse("2026-12-02T10:00:00.150Z"));
        assertThat(milestones.endAt()).contains(Instant.parse("2026-12-02T10:00:00.420Z"));
        assertThat(milestones.settled()).isTrue();
    }

    @Test
    void imaging_ends_at_awaiting_review_even_when_intake_recorded_triage_after_the_workflow_routed_it()
            throws Exception {
        Milestones milestones = Milestones.of(view("AWAITING_REVIEW", "URGENT_IMAGING", """
                [{"at": "2026-12-02T10:00:00.000Z", "status": "SUBMITTED", "detail": ""},
                 {"at": "2026-12-02T10:00:00.300Z", "status": "TRIAGED", "detail": ""},
                 {"at": "2026-12-02T10:00:00.250Z", "status": "AWAITING_REVIEW", "detail": ""}]"""));

        assertThat(milestones.endAt()).contains(Instant.parse("2026-12-02T10:00:00.250Z"));
        assertThat(milestones.at(Milestones.SCHEDULED)).isNull();
    }

    @Test
    void a_referral_not_yet_triaged_is_not_settled_and_a_failed_booking_is() throws Exception {
        Milestones waiting = Milestones.of(view("SUBMITTED", null,
                "[{\"at\": \"2026-12-02T10:00:00Z\", \"status\": \"SUBMITTED\", \"detail\": \"\"}]"));
        Milestones failed = Milestones.of(view("BOOKING_FAILED", "PRIMARY_CARE_FOLLOW_UP", """
                [{"at": "2026-12-02T10:00:00Z", "status": "SUBMITTED", "detail": ""},
                 {"at": "2026-12-02T10:00:01Z", "status": "TRIAGED", "detail": ""},
                 {"at": "2026-12-02T10:00:02Z", "status": "BOOKING_FAILED", "detail": ""}]"""));

        assertThat(waiting.settled()).isFalse();
        assertThat(waiting.endAt()).isEmpty();
        assertThat(failed.settled()).isTrue();
        assertThat(failed.endAt()).isEmpty();
    }

    private static JsonNode view(String status, String pathway, String timeline) throws Exception {
        String triage = pathway == null ? "null" : "{\"pathway\": \"" + pathway + "\", \"priority\": \"routine\"}";
        return JSON.readTree("""
                {"id": "5b0c6a9e-0000-4000-8000-000000000001", "status": "%s", "submittedAt": "2026-12-02T10:00:00Z",
                 "triage": %s, "pathway": %s, "timeline": %s}""".formatted(status, triage,
                pathway == null ? "null" : "\"" + pathway + "\"", timeline));
    }
}
