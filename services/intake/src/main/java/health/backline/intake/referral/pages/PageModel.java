package health.backline.intake.referral.pages;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every front-desk page shows: who is signed in, and the words and times ({@code show}). */
@ControllerAdvice(basePackageClasses = PageModel.class)
class PageModel {

    private final Wording wording;

    PageModel(Wording wording) {
        this.wording = wording;
    }

    @ModelAttribute("user")
    SignedInUser user(Authentication authentication) {
        return SignedInUser.of(authentication);
    }

    @ModelAttribute("show")
    Wording show() {
        return wording;
    }
}
