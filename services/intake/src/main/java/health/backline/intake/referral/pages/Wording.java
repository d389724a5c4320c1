package health.backline.intake.referral.pages;

import health.backline.events.Labelled;
import health.backline.events.Pathway;
import health.backline.events.Priority;
import health.backline.events.ReferralStatus;
import health.backline.events.payload.Appointment;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * What the pages call things: statuses and pathways in words, times in the clinic's zone
 * (Europe/London). Templates reach it as {@code show}.
 */
@Component
public class Wording {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);
    private static final DateTimeFormatter TIME_WITH_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.UK);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.UK);
    private static final DateTimeFormatter LONG_DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter BIRTH_DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

    private final ZoneId zone;
    private final Clock clock;

    Wording(ZoneId clinicZone, Clock clock) {
        this.zone = clinicZone;
        this.clock = clock;
    }

    public String status(ReferralStatus status) {
        return label(status);
    }

    public String pathway(Pathway pathway) {
        return label(pathway);
    }

    public String priority(Priority priority) {
        return label(priority);
    }

    private static String label(Labelled code) {
        return code == null ? "—" : code.label();
    }

    /** Clock time in the clinic, e.g. {@code 10:15}. */
    public String time(Instant at) {
        return at == null ? "—" : TIME.format(at.atZone(zone));
    }

    /** Day and time, with "Today" and "Tomorrow" where they apply: {@code Today 10:15}, {@code Mon 23 Nov 09:00}. */
    public String when(Instant at) {
        if (at == null) {
            return "—";
        }
        ZonedDateTime local = at.atZone(zone);
        return dayName(local.toLocalDate()) + " " + TIME.format(local);
    }

    /** For the timeline: day and time to the second. */
    public String moment(Instant at) {
        if (at == null) {
            return "—";
        }
        ZonedDateTime local = at.atZone(zone);
        return dayName(local.toLocalDate()) + " " + TIME_WITH_SECONDS.format(local);
    }

    /** The appointment's start and place, e.g. {@code Tomorrow 09:00, Imaging suite (MRI-1)}, or a dash. */
    public String appointment(Appointment appointment) {
        if (appointment == null) {
            return "—";
        }
        String place = appointment.location() == null ? "" : ", " + appointment.location();
        boolean resourceAddsSomething = appointment.resource() != null && appointment.location() != null
                && !appointment.location().contains(appointment.resource());
        return when(appointment.start()) + place + (resourceAddsSomething ? " (" + appointment.resource() + ")" : "");
    }

    public String birthDate(LocalDate date) {
        return date == null ? "—" : BIRTH_DATE.format(date);
    }

    public String day(LocalDate day) {
        LocalDate today = today();
        String name = LONG_DAY.format(day);
        return day.equals(today) ? "Today, " + name : name;
    }

    /** The ISO instant, for {@code <time datetime>}. */
    public String iso(Instant at) {
        return at == null ? null : at.toString();
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    ZoneId zone() {
        return zone;
    }

    private String dayName(LocalDate date) {
        LocalDate today = today();
        if (date.equals(today)) {
            return "Today";
        }
        if (date.equals(today.plusDays(1))) {
            return "Tomorrow";
        }
        if (date.equals(today.minusDays(1))) {
            return "Yesterday";
        }
        return DAY.format(date);
    }
}
