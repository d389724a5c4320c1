package health.backline.starter.audit;

import health.backline.starter.web.FieldProblem;
import health.backline.starter.web.InvalidRequestException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which audit entries to show, newest first: every filter is optional ({@code null}); {@code day} is a day of the
 * clinic's calendar.
 */
public record AuditQuery(String user, String referralId, LocalDate day, int limit) {

    /**
     * The query a request asks for, or a 400 naming every parameter that is not usable. Blank parameters (an empty
     * field of the audit page's form) filter nothing.
     */
    static AuditQuery parse(String user, String referralId, String day, int limit, int mostRows) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate parsedDay = null;
        if (isSet(day)) {
            try {
                parsedDay = LocalDate.parse(day.strip());
            } catch (DateTimeParseException e) {
                problems.add(new FieldProblem("day", "must be a date like 2026-03-01"));
            }
        }
        if (limit < 1 || limit > mostRows) {
            problems.add(new FieldProblem("limit", "must be between 1 and " + mostRows));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new AuditQuery(isSet(user) ? user.strip() : null, isSet(referralId) ? referralId.strip() : null,
                parsedDay, limit);
    }

    private static boolean isSet(String parameter) {
        return parameter != null && !parameter.isBlank();
    }
}
