package health.backline.starter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class FormatsTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void lateness_is_written_to_the_minute_in_words_staff_read_at_a_glance() {
        assertThat(Formats.span(Duration.ofSeconds(40))).isEqualTo("under a minute");
        assertThat(Formats.span(Duration.ofMinutes(42).plusSeconds(59))).isEqualTo("42 min");
        assertThat(Formats.span(Duration.ofMinutes(185))).isEqualTo("3 h 5 min");
        assertThat(Formats.span(Duration.ofHours(2))).isEqualTo("2 h");
        assertThat(Formats.span(Duration.ofHours(52))).isEqualTo("2 days 4 h");
        assertThat(Formats.span(Duration.ofHours(24))).isEqualTo("1 day");
    }

    @Test
    void waiting_times_keep_their_scale() {
        assertThat(Formats.waited(null)).isEqualTo("–");
        assertThat(Formats.waited(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(Formats.waited(Duration.ofMillis(4240))).isEqualTo("4.2 s");
        assertThat(Formats.waited(Duration.ofSeconds(190))).isEqualTo("3 min 10 s");
        assertThat(Formats.waited(Duration.ofMinutes(125))).isEqualTo("2 h 5 min");
    }

    @Test
    void times_are_london_times_named_by_day() {
        Instant now = Instant.parse("2026-07-14T10:00:00Z"); // 11:00 in London (summer time)
        assertThat(Formats.time(Instant.parse("2026-07-14T14:42:00Z"), now, LONDON)).isEqualTo("Today 15:42");
        assertThat(Formats.time(Instant.parse("2026-07-15T08:00:00Z"), now, LONDON)).isEqualTo("Tomorrow 09:00");
        assertThat(Formats.time(Instant.parse("2026-07-13T23:30:00Z"), now, LONDON)).isEqualTo("Today 00:30");
        assertThat(Formats.time(Instant.parse("2026-01-20T09:05:00Z"), now, LONDON)).isEqualTo("Tue 20 Jan 09:05");
    }

    @Test
    void a_referral_is_told_apart_by_its_first_eight_characters() {
        assertThat(Formats.shortId("c4353484-8268-463f-b9a6-c5343cdc0e5d")).isEqualTo("c4353484");
        assertThat(Formats.shortId(null)).isEmpty();
    }
}
