package health.backline.intake.referral.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's session without the browser: cookies, the login form, and the CSRF token each page
 * carries, sent back with the next form exactly as a browser would. Redirects are not followed, so
 * tests see them.
 */
final class PageSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient http;
    private String csrf;
    private String landing;

    private PageSession(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    static PageSession anonymous(int port) {
        return new PageSession("http://127.0.0.1:" + port);
    }

    /** Signs in through the login form (user name = password, as in the embedded default). */
    static PageSession signedIn(int port, String user) {
        PageSession session = anonymous(port);
        session.get("/login");
        Page signedIn = session.post("/login", List.of(Map.entry("username", user), Map.entry("password", user)));
        assertThat(signedIn.status()).as("sign-in answer").isEqualTo(302);
        assertThat(signedIn.location()).as("sign-in goes on").doesNotContain("error");
        session.landing = signedIn.location();
        session.follow(signedIn); // the next page carries the session's new CSRF token
        return session;
    }

    /** Where signing in led. */
    String landing() {
        return landing;
    }

    Page get(String path) {
        return remember(send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET()));
    }

    /** Posts a form with the CSRF token of the last page, as the page's own form would. */
    Page post(String path, List<Map.Entry<String, String>> fields) {
        List<Map.Entry<String, String>> withToken = new ArrayList<>(fields);
        if (csrf != null) {
            withToken.add(Map.entry("_csrf", csrf));
        }
        return postWithoutToken(path, withToken);
    }

    Page postWithoutToken(String path, List<Map.Entry<String, String>> fields) {
        String body = fields.stream()
                .map(f -> URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return remember(send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body))));
    }

    /** Follows a redirect the last answer gave. */
    Page follow(Page redirect) {
        assertThat(redirect.location()).as("redirect target").isNotNull();
        String location = redirect.location().startsWith("http") ? URI.create(redirect.location()).getRawPath()
                + (URI.create(redirect.location()).getRawQuery() == null ? "" : "?" + URI.create(redirect.location()).getRawQuery())
                : redirect.location();
        return get(location);
    }

    private Page remember(Page page) {
        Matcher token = CSRF.matcher(page.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return page;
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Page(response.statusCode(), response.headers().firstValue("Location").orElse(null), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Page(int status, String location, String body) {

        /** The start tag of the element with this id, e.g. {@code <input type="text" id="patient-mrn" ...>}. */
        String tag(String id) {
            Matcher tag = Pattern.compile("<[a-z][a-z0-9]*\\b[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(body);
            assertThat(tag.find()).as("element #" + id).isTrue();
            return tag.group();
        }

        /** The text inside the element with this id (tags removed, spaces collapsed). */
        String text(String id) {
            Matcher start = Pattern.compile("<([a-z][a-z0-9]*)\\b[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(body);
            assertThat(start.find()).as("element #" + id).isTrue();
            Matcher tags = Pattern.compile("<(/?)" + start.group(1) + "\\b[^>]*>").matcher(body);
            int depth = 1;
            int from = start.end();
            int end = body.length();
            tags.region(from, body.length());
            while (tags.find()) {
                depth += tags.group(1).isEmpty() ? 1 : -1;
                if (depth == 0) {
                    end = tags.start();
                    break;
                }
            }
            return body.substring(from, end).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip();
        }

        boolean has(String id) {
            return body.contains("id=\"" + id + "\"");
        }
    }
}
