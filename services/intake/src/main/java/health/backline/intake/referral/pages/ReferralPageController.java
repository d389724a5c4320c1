package health.backline.intake.referral.pages;

import health.backline.intake.referral.ReferralCancellation;
import health.backline.intake.referral.ReferralFindings;
import health.backline.intake.referral.ReferralView;
import health.backline.intake.referral.Referrals;
import health.backline.starter.audit.AuditTrail;
import health.backline.starter.intake.IntakeValidator;
import health.backline.starter.web.InvalidRequestException;
import health.backline.starter.web.ProblemException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One referral: where it stands, why triage chose its pathway, its re-triages, appointment and timeline, a way
 * to add what the patient reports later (front desk and clinicians) and to cancel it (front desk and the
 * clinical lead). The page polls itself while the referral is open.
 */
@Controller
class ReferralPageController {

    private final Referrals referrals;
    private final ReferralCancellation cancellation;
    private final IntakeValidator validator;
    private final ReferralFindings findings;
    private final AuditTrail audit;

    ReferralPageController(Referrals referrals, ReferralCancellation cancellation, IntakeValidator validator,
                           ReferralFindings findings, AuditTrail audit) {
        this.referrals = referrals;
        this.cancellation = cancellation;
        this.validator = validator;
        this.findings = findings;
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

    /**
     * New findings take the API's path: the form becomes the API's JSON, the shared validator judges it and
     * {@link ReferralFindings} records it, so sending the same form twice records the findings once.
     */
    @PostMapping("/referrals/{id}/findings")
    ModelAndView addFindings(@PathVariable String id, @RequestParam MultiValueMap<String, String> params,
                             Principal user, RedirectAttributes redirect) {
        Optional<UUID> referralId = Referrals.idOf(id);
        if (referralId.isEmpty()) {
            return notFound(id);
        }
        FindingsForm form = FindingsForm.from(params);
        try {
            findings.add(referralId.get(), validator.validateFindings(form.toJson()), user.getName());
        } catch (InvalidRequestException e) {
            return referrals.find(referralId.get())
                    .map(referral -> page(referral, HttpStatus.UNPROCESSABLE_ENTITY, form,
                            FormProblems.of(e.problems(), FindingsForm.FORM)))
                    .orElseGet(() -> notFound(id));
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                return notFound(id);
            }
            return referrals.find(referralId.get())
                    .map(referral -> page(referral, e.status()).addObject("findingsProblem",
                            "New findings cannot be added: this referral is closed, cancelled or returned."))
                    .orElseGet(() -> notFound(id));
        }
        redirect.addFlashAttribute("notice", "Findings sent. Whatever they add is in the timeline, and triage looks "
                + "at the referral again: its answer shows under Re-triage.");
        return new ModelAndView(Pages.seeOther("/referrals/" + referralId.get()));
    }

    /** The referral's page again, with what went wrong and the reason as typed. */
    private ModelAndView again(UUID id, HttpStatus status, String problemName, String problem, String reason) {
        return referrals.find(id)
                .map(referral -> page(referral, status).addObject(problemName, problem).addObject("reason", reason))
                .orElseGet(() -> notFound(id.toString()));
    }

    private ModelAndView page(ReferralView referral, HttpStatus status) {
        return page(referral, status, FindingsForm.blank(), FormProblems.none());
    }

    private ModelAndView page(ReferralView referral, HttpStatus status, FindingsForm findingsForm,
                              FormProblems findingsProblems) {
        ModelAndView page = new ModelAndView("referrals/referral", status);
        page.addObject("findingsForm", findingsForm);
        page.addObject("findingsProblems", findingsProblems);
        page.addObject("findingGroups", FindingGroups.ALL);
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
