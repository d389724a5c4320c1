package health.backline.scheduling.booking;

import health.backline.scheduling.slots.Slot;
import health.backline.scheduling.slots.Slots;
import health.backline.starter.audit.AuditTrail;
import health.backline.starter.web.Formats;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The scheduler's slot-issue list (e-RS's "appointment slot issues"): every referral waiting for a slot, most
 * urgent and longest waiting first, with how long it has waited and its deadline, and for each the pathway's
 * soonest free slots to pick from. A pick books at once; the workflow's manual booking task then ends.
 */
@Controller
class SlotIssuesPage {

    /** How many free slots each waiting referral is offered to pick from. */
    static final int SLOTS_OFFERED = 8;

    private final BookingService booking;
    private final Slots slots;
    private final AuditTrail audit;
    private final Clock clock;
    private final ZoneId clinicZone;

    SlotIssuesPage(BookingService booking, Slots slots, AuditTrail audit, Clock clock, ZoneId clinicZone) {
        this.booking = booking;
        this.slots = slots;
        this.audit = audit;
        this.clock = clock;
        this.clinicZone = clinicZone;
    }

    @GetMapping("/slot-issues")
    String list(Model model, Principal user) {
        Instant now = clock.instant();
        List<Issue> issues = booking.waiting().stream().map(waiting -> issue(waiting, now)).toList();
        audit.recordRead(user.getName(), "GET /slot-issues", issues.stream().map(Issue::referralId).toList(),
                issues.size() + " referral(s) waiting for a slot");
        model.addAttribute("user", user.getName());
        model.addAttribute("pages", SchedulerPages.ALL);
        model.addAttribute("issues", issues);
        return "slot-issues/list";
    }

    @PostMapping("/slot-issues/{referralId}")
    String pick(@PathVariable UUID referralId, @RequestParam(required = false) UUID slotId, RedirectAttributes flash,
                Principal user) {
        Optional<String> refusal = slotId == null ? Optional.of("Pick a slot first")
                : booking.bookPickedSlot(referralId, slotId, user.getName());
        if (refusal.isPresent()) {
            flash.addFlashAttribute("problem", "Referral " + Formats.shortId(referralId.toString()) + ": " + refusal.get());
        } else {
            flash.addFlashAttribute("booked", "Referral " + Formats.shortId(referralId.toString()) + " is booked");
        }
        return "redirect:/slot-issues";
    }

    private Issue issue(WaitingReferral waiting, Instant now) {
        List<Choice> choices = slots.freeFrom(waiting.pathway(), now, SLOTS_OFFERED).stream()
                .map(slot -> choice(slot, waiting.notAfter(), now)).toList();
        boolean deadlinePassed = waiting.notAfter() != null && waiting.notAfter().isBefore(now);
        return new Issue(waiting.referralId().toString(), Formats.shortId(waiting.referralId().toString()),
                waiting.pathway().label(), waiting.priority().label(), Formats.time(waiting.waitingSince(), now, clinicZone),
                Formats.span(Duration.between(waiting.waitingSince(), now)),
                waiting.notAfter() == null ? "None" : Formats.time(waiting.notAfter(), now, clinicZone), deadlinePassed,
                choices);
    }

    private Choice choice(Slot slot, Instant deadline, Instant now) {
        boolean meetsDeadline = deadline == null || !slot.start().isAfter(deadline);
        return new Choice(slot.id().toString(), Formats.time(slot.start(), now, clinicZone) + ", " + slot.resource()
                + ", " + slot.location() + (meetsDeadline ? "" : " (after the deadline)"), meetsDeadline);
    }

    /** One waiting referral as the list shows it. */
    record Issue(String referralId, String shortId, String pathway, String priority, String waitingSince,
                 String waitedFor, String deadline, boolean deadlinePassed, List<Choice> choices) {
    }

    /** A free slot to pick. */
    record Choice(String slotId, String label, boolean meetsDeadline) {
    }
}
