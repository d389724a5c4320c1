package health.backline.triage.replay;

import health.backline.events.Pathway;
import health.backline.starter.web.FieldProblem;
import health.backline.starter.web.InvalidRequestException;
import health.backline.starter.web.PageLink;
import java.io.IOException;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The clinical lead's replay page: upload a candidate table for a span of days (the clinic's calendar, both days
 * included), then see the pathway matrix, the under-triage count and the changed referrals, each linked to its
 * page in intake.
 */
@Controller
class ReplayPage {

    /** The span the form offers first: the last four weeks. */
    private static final int DEFAULT_DAYS = 28;

    private final Replays replays;
    private final Clock clock;
    private final ZoneId clinicZone;
    private final String intakeUrl;

    ReplayPage(Replays replays, Clock clock, ZoneId clinicZone, @Value("${backline.intake.url}") String intakeUrl) {
        this.replays = replays;
        this.clock = clock;
        this.clinicZone = clinicZone;
        this.intakeUrl = intakeUrl.replaceAll("/+$", "");
    }

    @GetMapping("/replay")
    String form(Model model, Principal user) {
        LocalDate today = LocalDate.now(clock.withZone(clinicZone));
        return page(model, user, today.minusDays(DEFAULT_DAYS - 1L), today);
    }

    @PostMapping("/replay")
    String replay(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                  @RequestParam(name = "table", required = false) MultipartFile table, Model model, Principal user)
            throws IOException {
        try {
            byte[] xml = table == null || table.isEmpty() ? new byte[0] : table.getBytes();
            String end = startOf(to == null ? null : to.plusDays(1));
            model.addAttribute("result", replays.replay(startOf(from), end, xml));
            model.addAttribute("tableName", table == null ? null : table.getOriginalFilename());
        } catch (InvalidRequestException e) {
            model.addAttribute("problems", e.problems().stream().map(ReplayPage::shown).toList());
        }
        return page(model, user, from, to);
    }

    private String page(Model model, Principal user, LocalDate from, LocalDate to) {
        model.addAllAttributes(Map.of("user", user.getName(), "pathways", List.of(Pathway.values()),
                "intakeUrl", intakeUrl, "pages", List.of(new PageLink("/replay", "Rule replay"))));
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "replay/replay";
    }

    /** A day's first instant in the clinic's time zone, as the API takes it. */
    private String startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay(clinicZone).toInstant().toString();
    }

    /** The API's pointers are the form's field names; a table's pointer says where in the table. */
    private static String shown(FieldProblem problem) {
        return switch (problem.pointer()) {
            case "from" -> "First day " + problem.detail().replace("an instant such as 2026-11-01T00:00:00Z", "a date");
            case "to" -> "Last day " + problem.detail().replace("an instant such as 2026-11-01T00:00:00Z", "a date")
                    .replace("after from", "on or after the first day");
            default -> problem.pointer() + " " + problem.detail();
        };
    }
}
