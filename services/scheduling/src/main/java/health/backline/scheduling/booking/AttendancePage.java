package health.backline.scheduling.booking;

import health.backline.starter.audit.AuditTrail;
import health.backline.starter.web.Formats;
import health.backline.starter.web.ProblemException;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The attendance page: the appointments of the last week that have started with no attendance recorded, latest
 * first, each with "Attended" and "Did not attend". A missed first appointment is rebooked by the workflow; a
 * second goes to a clinician. Emergency-department handoffs are not here: the ER call task follows them up.
 */
@Controller
class AttendancePage {

    static final Duration SHOWN = Duration.ofDays(7);
    static final int MOST_ROWS = 200;

    private final Appointments appointments;
    private final AttendanceRecorder attendance;
    private final AuditTrail audit;
    private final Clock clock;
    private final ZoneId clinicZone;

    AttendancePage(Appointments appointments, AttendanceRecorder attendance, AuditTrail audit, Clock clock,
                   ZoneId clinicZone) {
        this.appointments = appointments;
        this.attendance = attendance;
        this.audit = audit;
        this.clock = clock;
        this.clinicZone = clinicZone;
    }

    @GetMapping("/attendance")
    String list(Model model, Principal user) {
        Instant now = clock.instant();
        List<Row> rows = appointments.awaitingAttendance(now.minus(SHOWN), now, MOST_ROWS).stream()
                .map(appointment -> new Row(appointment.id().toString(), appointment.referralId().toString(),
                        Formats.shortId(appointment.referralId().toString()), appointment.pathway().label(),
                        Formats.time(appointment.start(), now, clinicZone), appointment.location(), appointment.resource()))
                .toList();
        audit.recordRead(user.getName(), "GET /attendance", rows.stream().map(Row::referralId).distinct().toList(),
                rows.size() + " appointment(s) waiting for their attendance");
        model.addAttribute("user", user.getName());
        model.addAttribute("pages", SchedulerPages.ALL);
        model.addAttribute("rows", rows);
        return "attendance/list";
    }

    @PostMapping("/attendance/{appointmentId}")
    String record(@PathVariable UUID appointmentId, @RequestParam(required = false) Boolean attended, Principal user,
                  RedirectAttributes flash) {
        if (attended == null) {
            flash.addFlashAttribute("problem", "Say whether the patient came");
            return "redirect:/attendance";
        }
        try {
            attendance.record(appointmentId, attended, user.getName());
            flash.addFlashAttribute("recorded", (attended ? "Attended" : "Did not attend") + ": recorded");
        } catch (ProblemException problem) {
            flash.addFlashAttribute("problem", problem.title() + ": " + problem.getMessage());
        }
        return "redirect:/attendance";
    }

    /** One appointment as the page shows it. */
    record Row(String appointmentId, String referralId, String shortId, String pathway, String start, String location,
               String resource) {
    }
}
