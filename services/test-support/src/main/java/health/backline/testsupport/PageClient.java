package health.backline.testsupport;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A service's pages as a browser without JavaScript uses them: a session cookie from the sign-in form, and
 * forms posted with the CSRF token of the page they came from. Redirects are not followed, so a test sees them.
 */
public final class PageClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final String root;

    private PageClient(String root) {
        this.root = root;
    }

    /** Signed in through the service's form as {@code user} (whose password, on the embedded default, is the same). */
    public static PageClient signedIn(int port, String user) throws IOException, InterruptedException {
        PageClient client = new PageClient("http://127.0.0.1:" + port);
        String form = client.get("/login").body();
        HttpResponse<String> signedIn = client.postForm("/login", form, Map.of("username", user, "password", user));
        if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException(user + " could not sign in: " + signedIn.statusCode() + " " + signedIn.headers().map());
        }
        return client;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(root + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts the fields as a form, with the CSRF token of {@code page} (the HTML the form is on). */
    public HttpResponse<String> postForm(String path, String page, Map<String, String> fields)
            throws IOException, InterruptedException {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf(page));
        String body = all.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(root + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The CSRF token a page's forms carry. */
    public static String csrf(String page) {
        Matcher token = CSRF.matcher(page);
        if (!token.find()) {
            throw new AssertionError("No CSRF token in the page: " + page);
        }
        return token.group(1);
    }
}
