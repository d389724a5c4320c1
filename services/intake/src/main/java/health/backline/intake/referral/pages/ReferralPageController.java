package health.backline.intake.referral.pages;

import health.backline.intake.referral.ReferralCancellation;
import health.backline.intake.referral.ReferralView;
import health.backline.intake.referral.Referrals;
import health.backline.starter.audit.AuditTrail;
import health.backline.starter.web.InvalidRequestException;
import health.backline.starter.web.ProblemException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One referral: where it stands, why triage chose its pathway, its appointment and timeline, and
 * (for the front desk and the clinical lead) a way to cancel it. The page polls itself while the
 * referral is open.
 */
@Controller
class ReferralPageController {

    private final Referrals referrals;
    private final ReferralCancellation cancellation;
    private final AuditTrail audit;

    ReferralPageController(Referrals referrals, ReferralCancellation cancellation, AuditTrail audit) {
        this.referrals = referrals;
        this.cancellation = cancellation;
        this.audit = audit;
    }

    /** Opening a referral reads its patient details: the audit trail says who, and when. */
    @GetMapping("/referrals/{id}")
    ModelAndView referral(@PathVariable String id, Principal user) {
        return find(id).map(referral -> {
            audit.recordRead(user.getName(), "page /referrals/{id}", List.of(referral.id().toString()), "the referral");
            return page(referral, HttpStatus.OK);
        }).orElseGet(() -> notFound(id));
    }

    @PostMapping("/referrals/{id}/cancel")
    ModelAndView cancel(@PathVariable String id, @RequestParam(required = false) String reason, Principal user,
                        RedirectAttributes redirect) {
        Optional<UUID> referralId = Referrals.idOf(id);
        if (referralId.isEmpty()) {
            return notFound(id);
        }
        try {
            cancellation.cancel(referralId.get(), reason == null ? null : reason.strip(), user.getName());
        } catch (InvalidRequestException e) {
            return again(referralId.get(), HttpStatus.UNPROCESSABLE_ENTITY, "reasonError",
                    "Reason for cancelling " + e.problems().get(0).detail(), reason);
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                return notFound(id);
            }
            return again(referralId.get(), e.status(), "cancelProblem",
                    "This referral cannot be cancelled: it is closed or cancelled already.", reason);
        }
        redirect.addFlashAttribute("notice", "Cancellation requested. The referral shows Cancelled once the workflow "
                + "has stopped it and freed any booked slot.");
        return new ModelAndView(Pages.seeOther("/referrals/" + referralId.get()));
    }

    /** The referral's page again, with what went wrong and the reason as typed. */
    private ModelAndView again(UUID id, HttpStatus status, String problemName, String problem, String reason) {
        return referrals.find(id)
                .map(referral -> page(referral, status).addObject(problemName, problem).addObject("reason", reason))
                .orElseGet(() -> notFound(id.toString()));
    }

    private ModelAndView page(ReferralView referral, HttpStatus status) {
        ModelAndView page = new ModelAndView("referrals/referral", status);
        page.addObject("section", "referral");
        page.addObject("title", referral.patient().givenName() + " " + referral.patient().familyName()
                + " (" + referral.patient().mrn() + ")");
        page.addObject("referral", referral);
        page.addObject("open", ReferralCancellation.isOpen(referral.status()));
        page.addObject("reasons", reasons(referral));
        return page;
    }

    /** The triage reasons with the rule each came from (the lists run in step). */
    static List<Reason> reasons(ReferralView referral) {
        List<Reason> reasons = new ArrayList<>();
        if (referral.triage() == null || referral.triage().reasons() == null) {
            return reasons;
        }
        List<String> rules = referral.triage().rules() == null ? List.of() : referral.triage().rules();
        List<String> texts = referral.triage().reasons();
        for (int i = 0; i < texts.size(); i++) {
            reasons.add(new Reason(texts.get(i), i < rules.size() ? rules.get(i) : null));
        }
        return reasons;
    }

    public record Reason(String text, String rule) {
    }

    private Optional<ReferralView> find(String id) {
        return Referrals.idOf(id).flatMap(referrals::find);
    }

    private static ModelAndView notFound(String id) {
        ModelAndView page = new ModelAndView("referrals/not-found", HttpStatus.NOT_FOUND);
        page.addObject("section", "referral");
        page.addObject("title", "Referral not found");
        page.addObject("id", id);
        return page;
    }
}
