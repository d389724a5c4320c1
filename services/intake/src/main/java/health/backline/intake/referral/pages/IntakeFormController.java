package health.backline.intake.referral.pages;

import health.backline.events.intake.Intake;
import health.backline.intake.referral.ReferralSubmission;
import health.backline.intake.referral.Referrals;
import health.backline.intake.referral.Submission;
import health.backline.starter.intake.IntakeValidator;
import health.backline.starter.web.InvalidRequestException;
import health.backline.starter.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The front desk's intake form. A submission takes exactly the API's path: the form becomes the
 * API's JSON, the shared {@link IntakeValidator} judges it, {@link ReferralSubmission} records it
 * under the form's idempotency key, so sending the same form twice makes one referral.
 */
@Controller
class IntakeFormController {

    private final IntakeValidator validator;
    private final ReferralSubmission submission;
    private final Referrals referrals;

    IntakeFormController(IntakeValidator validator, ReferralSubmission submission, Referrals referrals) {
        this.validator = validator;
        this.submission = submission;
        this.referrals = referrals;
    }

    @GetMapping({"/", "/intake"})
    ModelAndView form() {
        return page(IntakeForm.blank(), FormProblems.none(), HttpStatus.OK);
    }

    @PostMapping("/intake")
    ModelAndView submit(@RequestParam MultiValueMap<String, String> params, RedirectAttributes redirect) {
        IntakeForm form = IntakeForm.from(params);
        Intake intake;
        try {
            intake = validator.validate(form.toJson());
        } catch (InvalidRequestException e) {
            return page(form, FormProblems.of(e.problems()), HttpStatus.UNPROCESSABLE_ENTITY);
        }
        Submission result;
        try {
            result = submission.submit(intake, form.idempotencyKey());
        } catch (ProblemException e) {
            if (e.status() != HttpStatus.CONFLICT) {
                throw e;
            }
            // This form was sent before with other values (after going back in the browser, say):
            // show both ways on, and a fresh key so that sending it again is a deliberate second referral.
            return page(form.withNewKey(), FormProblems.none(), HttpStatus.CONFLICT)
                    .addObject("alreadySent", referrals.idOfIdempotencyKey(form.idempotencyKey()).orElse(null));
        }
        redirect.addFlashAttribute("notice", result.created()
                ? "Referral recorded. Triage runs now; this page follows it."
                : "This intake was already recorded: here is its referral.");
        return new ModelAndView(Pages.seeOther("/referrals/" + result.referral().id()));
    }

    private static ModelAndView page(IntakeForm form, FormProblems problems, HttpStatus status) {
        ModelAndView page = new ModelAndView("intake/form", status);
        page.addObject("section", "intake");
        page.addObject("title", problems.any() ? "Error: New intake" : "New intake");
        page.addObject("form", form);
        page.addObject("problems", problems);
        page.addObject("findingGroups", FindingGroups.ALL);
        page.addObject("startBackStatements", IntakeForm.startBackStatements());
        page.addObject("startBackQuestion9", IntakeForm.START_BACK_QUESTION_9);
        page.addObject("regions", IntakeForm.REGIONS);
        page.addObject("sexes", IntakeForm.SEXES);
        page.addObject("improvingChoices", IntakeForm.IMPROVING);
        page.addObject("agreement", IntakeForm.AGREEMENT);
        page.addObject("bothersome", IntakeForm.BOTHERSOME);
        return page;
    }
}
