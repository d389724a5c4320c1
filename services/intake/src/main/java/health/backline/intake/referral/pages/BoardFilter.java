package health.backline.intake.referral.pages;

import health.backline.events.Pathway;
import health.backline.events.ReferralStatus;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the board shows: one day (today unless chosen), optionally one status and one pathway.
 * A value the board does not know is ignored and said so, never an error page.
 */
public record BoardFilter(ReferralStatus status, Pathway pathway, LocalDate day, boolean today, List<String> ignored) {

    static BoardFilter parse(String status, String pathway, String day, LocalDate today) {
        List<String> ignored = new ArrayList<>();
        ReferralStatus chosenStatus = parseEnum(ReferralStatus.class, status, "status", ignored);
        Pathway chosenPathway = parseEnum(Pathway.class, pathway, "pathway", ignored);
        LocalDate chosenDay = today;
        if (day != null && !day.isBlank()) {
            try {
                chosenDay = LocalDate.parse(day.strip());
            } catch (DateTimeParseException e) {
                ignored.add("day \"" + day + "\"");
            }
        }
        return new BoardFilter(chosenStatus, chosenPathway, chosenDay, chosenDay.equals(today), List.copyOf(ignored));
    }

    /** The address of the board's rows with this filter, for the page to poll. */
    public String rowsUrl() {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/referrals/rows");
        if (status != null) {
            uri.queryParam("status", status.name());
        }
        if (pathway != null) {
            uri.queryParam("pathway", pathway.name());
        }
        if (!today) {
            uri.queryParam("day", day.toString());
        }
        return uri.build().encode().toUriString();
    }

    public boolean narrowed() {
        return status != null || pathway != null;
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String name, List<String> ignored) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            ignored.add(name + " \"" + value + "\"");
            return null;
        }
    }
}
