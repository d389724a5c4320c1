package health.backline.testsupport.apidocs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API docs as a running service serves them: behind a login (any role), as a program and as a person in a
 * browser reach them. Throws an {@link AssertionError} when they are not.
 */
public final class ServedApiDocs {

    /** Any user of the contract may read them; the front desk is one. */
    private static final String USER = "frontdesk";
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private final URI service;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private ServedApiDocs(URI service) {
        this.service = service;
    }

    public static ServedApiDocs of(URI service) {
        return new ServedApiDocs(service);
    }

    /** {@code /v3/api-docs}: 401 without a login, the document with HTTP Basic. */
    public String fetchWithBasic() {
        HttpResponse<String> refused = expect(send(get("/v3/api-docs").header("Accept", "application/json")), 401,
                "/v3/api-docs without a login");
        // The docs describe a refusal as Spring Boot's JSON error body: the security filters answer it.
        if (!refused.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            throw new AssertionError("A refusal is not JSON: " + refused.headers().map());
        }
        HttpResponse<String> docs = expect(send(get("/v3/api-docs").header("Authorization", basic(USER))), 200,
                "/v3/api-docs with HTTP Basic");
        return docs.body();
    }

    /**
     * A person in a browser on a service with pages: Swagger UI sends them to the sign-in form, which brings them back
     * to Swagger UI, which then reads the JSON in the same session, without asking again.
     */
    public void assertSwaggerUiAfterFormSignIn() {
        HttpResponse<String> refused = expect(send(get("/swagger-ui.html").header("Accept", BROWSER_ACCEPT)), 302,
                "Swagger UI without a login");
        redirectTo(refused, "/login");
        Matcher token = CSRF.matcher(expect(send(get("/login")), 200, "the sign-in form").body());
        if (!token.find()) {
            throw new AssertionError("No CSRF token in the sign-in form");
        }
        HttpResponse<String> signedIn = expect(send(HttpRequest.newBuilder(service.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + USER + "&password=" + USER + "&_csrf="
                        + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8)))), 302, "signing in");
        HttpResponse<String> back = expect(send(get(redirectTo(signedIn, "/swagger-ui.html"))
                .header("Accept", BROWSER_ACCEPT)), 302, "Swagger UI after signing in");
        String page = expect(send(get(redirectTo(back, "/swagger-ui/index.html")).header("Accept", BROWSER_ACCEPT)),
                200, "Swagger UI's page").body();
        if (!page.contains("swagger-ui")) {
            throw new AssertionError("Not Swagger UI's page: " + page);
        }
        expect(send(get("/v3/api-docs/swagger-config").header("Accept", "application/json")), 200,
                "Swagger UI's configuration in the session");
        expect(send(get("/v3/api-docs").header("Accept", "application/json")), 200, "the document in the session");
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(service.resolve(path)).GET();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new AssertionError(what + ": expected " + status + ", got " + response.statusCode() + " "
                    + response.headers().map() + " " + response.body());
        }
        return response;
    }

    /** Where a redirect sends the browser, path and query, once its path is the one expected. */
    private static String redirectTo(HttpResponse<String> response, String path) {
        URI location = response.uri().resolve(response.headers().firstValue("Location").orElse(""));
        if (!path.equals(location.getPath())) {
            throw new AssertionError("Expected a redirect to " + path + ", got '" + location + "'");
        }
        return location.getRawQuery() == null ? location.getRawPath() : location.getRawPath() + "?" + location.getRawQuery();
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }
}
