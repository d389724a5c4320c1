package health.backline.intake.referral.pages;

import health.backline.events.Pathway;
import health.backline.events.ReferralStatus;
import health.backline.intake.referral.ReferralPage;
import health.backline.intake.referral.Referrals;
import health.backline.starter.audit.AuditTrail;
import java.security.Principal;
import java.time.ZoneId;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The referral board: one day's referrals, newest first, filtered by status and pathway. The page
 * polls {@code /referrals/rows} (the table body alone) every 5 seconds, so it follows triage and
 * booking without a reload.
 */
@Controller
class ReferralBoardController {

    /** More than a busy clinic's day; beyond it the board says how many are not shown. */
    static final int MOST_ROWS = 200;

    private final Referrals referrals;
    private final Wording wording;
    private final AuditTrail audit;

    ReferralBoardController(Referrals referrals, Wording wording, AuditTrail audit) {
        this.referrals = referrals;
        this.wording = wording;
        this.audit = audit;
    }

    /** The board shows patients' names: opening it is audited, like every refresh of its rows. */
    @GetMapping("/referrals")
    ModelAndView board(@RequestParam(required = false) String status, @RequestParam(required = false) String pathway,
                       @RequestParam(required = false) String day, Principal user) {
        ModelAndView page = rowsOf(BoardFilter.parse(status, pathway, day, wording.today()), "page /referrals", user);
        page.setViewName("referrals/board");
        page.addObject("section", "board");
        page.addObject("title", "Referral board");
        page.addObject("statuses", ReferralStatus.values());
        page.addObject("pathways", Pathway.values());
        return page;
    }

    /**
     * Only the table body: what the board's polling replaces. Every call is audited, whatever the day: it shows
     * names, and it is as easy to call by hand as by the board.
     */
    @GetMapping("/referrals/rows")
    ModelAndView rows(@RequestParam(required = false) String status, @RequestParam(required = false) String pathway,
                      @RequestParam(required = false) String day, Principal user) {
        return rowsOf(BoardFilter.parse(status, pathway, day, wording.today()), "page /referrals/rows", user);
    }

    private ModelAndView rowsOf(BoardFilter filter, String channel, Principal user) {
        ZoneId zone = wording.zone();
        ReferralPage found = referrals.submittedBetween(filter.day().atStartOfDay(zone).toInstant(),
                filter.day().plusDays(1).atStartOfDay(zone).toInstant(), filter.status(), filter.pathway(), MOST_ROWS);
        audit.recordRead(user.getName(), channel, found.ids(), "board of " + filter.day() + ": " + found.items().size()
                + " of " + found.totalElements() + " referrals");
        ModelAndView page = new ModelAndView("referrals/board :: rows");
        page.addObject("filter", filter);
        page.addObject("referrals", found.items());
        page.addObject("total", found.totalElements());
        return page;
    }
}
