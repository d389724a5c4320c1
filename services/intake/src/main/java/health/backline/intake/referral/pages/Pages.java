package health.backline.intake.referral.pages;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.view.RedirectView;

/** Small things every page controller needs. */
final class Pages {

    private Pages() {
    }

    /** After a form is handled: 303 See Other, so a reload never sends the form again. */
    static RedirectView seeOther(String path) {
        RedirectView view = new RedirectView(path, true);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        return view;
    }
}
