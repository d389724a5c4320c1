package health.backline.intake.referral.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.htmlunit.MockMvcWebClientBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;

/**
 * A browser without a window: HtmlUnit over MockMvc, through the service's whole filter chain (security, CSRF,
 * sessions). It reads the pages as a DOM, fills the forms the pages serve and sends them with what they carry
 * (the CSRF token, hidden fields), and follows redirects. One instance is one browser: its own cookies, so its
 * own session. No JavaScript: the pages work without it, and the browser tests run it in Chromium.
 *
 * <p>Two things this browser cannot see, so the tests ask MockMvc itself: the status of a redirect (Spring's
 * HtmlUnit connection reports every redirect as 301) and a forward ({@link #assertPageRefused}).
 */
final class PageBrowser {

    static final String SITE = "http://localhost";

    private final WebClient web;
    private String landing;

    private PageBrowser(MockMvc mvc) {
        web = MockMvcWebClientBuilder.mockMvcSetup(mvc).build();
        web.getOptions().setJavaScriptEnabled(false);
        web.getOptions().setCssEnabled(false);
        web.getOptions().setThrowExceptionOnFailingStatusCode(false);
    }

    static PageBrowser anonymous(MockMvc mvc) {
        return new PageBrowser(mvc);
    }

    /** Signs in through the login form (user name = password, as in the embedded default). */
    static PageBrowser signedIn(MockMvc mvc, String user) {
        PageBrowser browser = anonymous(mvc);
        HtmlForm login = browser.open("/login").getForms().get(0);
        login.getInputByName("username").setValue(user);
        login.getInputByName("password").setValue(user);
        HtmlPage landed = browser.submit(login);
        assertThat(landed.getUrl().toString()).as("sign-in goes on").doesNotContain("/login");
        browser.landing = landed.getUrl().getPath();
        return browser;
    }

    /** The path signing in led to. */
    String landing() {
        return landing;
    }

    /** The page at this path (and query), after any redirect. */
    HtmlPage open(String path) {
        return (HtmlPage) get(path);
    }

    /** Whatever is at this path: a page, or for example a CSV file. */
    Page get(String path) {
        try {
            return web.getPage(SITE + path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a form as its submit button does, and shows where that led. */
    HtmlPage submit(HtmlForm form) {
        return (HtmlPage) send(form);
    }

    private static Page send(HtmlForm form) {
        HtmlButton button = form.getFirstByXPath(".//button[@type='submit']");
        assertThat(button).as("submit button of the form to " + form.getActionAttribute()).isNotNull();
        try {
            return button.click();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A page this user's roles may not open is answered 403 with the sign-in page and a notice, by a forward. MockMvc's
     * HtmlUnit connection cannot follow that forward (it keeps the query in the path and finds nothing: 404), so the
     * answer is checked as the service gives it, for the user as configured.
     */
    static void assertPageRefused(MockMvc mvc, UserDetails user, String path) throws Exception {
        // the sign-in page and its notice, as the service shows them: RoleMatrixIT, over real HTTP
        mvc.perform(MockMvcRequestBuilders.get(path).with(SecurityMockMvcRequestPostProcessors.user(user)))
                .andExpect(MockMvcResultMatchers.status().isForbidden())
                .andExpect(MockMvcResultMatchers.forwardedUrl("/login?denied"));
    }

    /** A POST that no page of the service made: these fields only, without a CSRF token. */
    WebResponse postWithoutToken(String path, List<Map.Entry<String, String>> fields) {
        return post(path, fields);
    }

    /**
     * A POST of these fields with the CSRF token a page of this session carries: what a signed-in user's own
     * crafted form sends, to see what the service allows that user whatever the pages offer.
     */
    WebResponse postAsSignedIn(HtmlPage page, String path, List<Map.Entry<String, String>> fields) {
        HtmlInput token = page.querySelector("input[name=_csrf]");
        assertThat(token).as("CSRF token on " + page.getUrl()).isNotNull();
        List<Map.Entry<String, String>> withToken = new ArrayList<>(fields);
        withToken.add(Map.entry("_csrf", token.getValue()));
        return post(path, withToken);
    }

    private WebResponse post(String path, List<Map.Entry<String, String>> fields) {
        try {
            WebRequest request = new WebRequest(new URL(SITE + path), HttpMethod.POST);
            request.setRequestParameters(fields.stream().map(field -> new NameValuePair(field.getKey(), field.getValue())).toList());
            return web.getPage(request).getWebResponse();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static int status(Page page) {
        return page.getWebResponse().getStatusCode();
    }

    /** The text of the element with this id, as a reader sees it (spaces collapsed). */
    static String text(HtmlPage page, String id) {
        return page.getHtmlElementById(id).asNormalizedText();
    }

}
