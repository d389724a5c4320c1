package health.backline.starter.web;

import health.backline.events.Pathway;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times and durations as the pages write them, in the clinic's zone (Europe/London). */
public final class Formats {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.UK);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.UK);

    private Formats() {
    }

    /** "Today 15:42", "Tomorrow 09:00", "Yesterday 18:10", "Tue 14 Jan 15:42". */
    public static String time(Instant instant, Instant now, ZoneId zone) {
        if (instant == null) {
            return "";
        }
        ZonedDateTime at = instant.atZone(zone);
        LocalDate today = now.atZone(zone).toLocalDate();
        String day = at.toLocalDate().equals(today) ? "Today"
                : at.toLocalDate().equals(today.plusDays(1)) ? "Tomorrow"
                : at.toLocalDate().equals(today.minusDays(1)) ? "Yesterday"
                : DAY.format(at);
        return day + " " + CLOCK.format(at);
    }

    /** "15:42:07", for "updated at". */
    public static String clock(Instant instant, ZoneId zone) {
        return SECONDS.format(instant.atZone(zone));
    }

    /** "under a minute", "42 min", "3 h 5 min", "2 days 4 h": how late or how soon, to the minute. */
    public static String span(Duration duration) {
        long minutes = duration.abs().toMinutes();
        if (minutes < 1) {
            return "under a minute";
        }
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return hours + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
        }
        long days = hours / 24;
        return days + (days == 1 ? " day" : " days") + (hours % 24 == 0 ? "" : " " + hours % 24 + " h");
    }

    /** A waiting time from a timer: "850 ms", "4.2 s", "3 min 10 s", "2 h 5 min", "1 day 3 h". */
    public static String waited(Duration duration) {
        if (duration == null) {
            return "–";
        }
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.UK, "%.1f s", millis / 1000.0);
        }
        long seconds = duration.toSeconds();
        if (seconds < 3600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        return span(duration);
    }

    /** The pathway as staff say it. */
    public static String pathway(Pathway pathway) {
        if (pathway == null) {
            return "Not triaged yet";
        }
        return pathway.label();
    }

    /** The first eight characters of a referral id, enough to tell referrals apart on a page. */
    public static String shortId(String referralId) {
        return referralId == null ? "" : referralId.length() <= 8 ? referralId : referralId.substring(0, 8);
    }
}
