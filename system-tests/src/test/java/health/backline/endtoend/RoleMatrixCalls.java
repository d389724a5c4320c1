package health.backline.endtoend;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls an endpoint of the running Backline as one caller, the way that caller's client would: HTTP Basic for
 * the API, the sign-in form and a session (with its CSRF token) for pages, a Tasklist sign-in (with Camunda's
 * XSRF token) for Cockpit and Tasklist's own API. A caller without a login fetches the same tokens, so what
 * refuses it is the missing login, never a missing token.
 */
final class RoleMatrixCalls {

    static final String NO_LOGIN = "no login";

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String CAMUNDA_AUTH = "/camunda/api/admin/auth/user/default";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final RunningBackline backline;
    private final Map<String, String> ids;
    private final HttpClient api = HttpClient.newHttpClient();
    private final Map<String, Session> pageSessions = new HashMap<>();

    /** What came back: the status and, for a redirect, where to. */
    record Answer(int status, String location) {

        boolean sentToSignIn() {
            return status / 100 == 3 && location != null && location.matches(".*/login(\\?.*)?$");
        }

        @Override
        public String toString() {
            return status + (location == null ? "" : " → " + location);
        }
    }

    /** A browser's cookies and the CSRF token of its page session. */
    private record Session(HttpClient client, CookieManager cookies, String csrf) {
    }

    RoleMatrixCalls(RunningBackline backline, Map<String, String> ids) {
        this.backline = backline;
        this.ids = ids;
    }

    Answer call(RoleMatrixEndpoint endpoint, String caller) {
        String path = resolve(endpoint.path());
        String body = resolve(endpoint.body());
        return switch (endpoint.kind()) {
            case API -> send(api, json(withBasic(request(endpoint.service(), path), caller), body), endpoint.method(),
                    publisher(body));
            case PAGE -> page(endpoint, caller, path, body);
            case CAMUNDA -> camunda(signedInToTasklist(caller), endpoint.method(), path, body);
            case CAMUNDA_LOGIN -> camundaSignIn(caller, path);
        };
    }

    private Answer page(RoleMatrixEndpoint endpoint, String caller, String path, String body) {
        Session session = pageSession(endpoint.service(), caller);
        HttpRequest.Builder request = request(endpoint.service(), path);
        if (endpoint.method().equals("GET")) {
            return send(session.client(), request, "GET", HttpRequest.BodyPublishers.noBody());
        }
        String form = "_csrf=" + URLEncoder.encode(session.csrf(), StandardCharsets.UTF_8) + (body.isEmpty() ? "" : "&" + body);
        request.header("Content-Type", "application/x-www-form-urlencoded");
        return send(session.client(), request, endpoint.method(), HttpRequest.BodyPublishers.ofString(form));
    }

    private Answer camunda(Session session, String method, String path, String body) {
        HttpRequest.Builder request = request("workflow", path).header("X-XSRF-TOKEN", xsrfToken(session.cookies()));
        return send(session.client(), json(request, body), method, publisher(body));
    }

    /** A fresh browser each time: the sign-in is what is asked; no login means a wrong password. */
    private Answer camundaSignIn(String caller, String path) {
        Session browser = browser();
        send(browser.client(), request("workflow", CAMUNDA_AUTH), "GET", HttpRequest.BodyPublishers.noBody());
        boolean noLogin = caller.equals(NO_LOGIN);
        return signInToCamunda(browser, path, noLogin ? "nobody" : caller, noLogin ? "wrong-password" : caller);
    }

    private Answer signInToCamunda(Session browser, String path, String user, String password) {
        HttpRequest.Builder request = request("workflow", path)
                .header("X-XSRF-TOKEN", xsrfToken(browser.cookies()))
                .header("Content-Type", "application/x-www-form-urlencoded");
        return send(browser.client(), request, "POST", HttpRequest.BodyPublishers.ofString(
                "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)));
    }

    private Session pageSession(String service, String caller) {
        return pageSessions.computeIfAbsent(service + " " + caller, key -> signedInToPages(service, caller));
    }

    private Session signedInToPages(String service, String caller) {
        Session browser = browser();
        if (!caller.equals(NO_LOGIN)) {
            String form = "username=" + caller + "&password=" + caller + "&_csrf="
                    + URLEncoder.encode(csrfOfSignInPage(browser, service), StandardCharsets.UTF_8);
            Answer signedIn = send(browser.client(), request(service, "/login")
                    .header("Content-Type", "application/x-www-form-urlencoded"), "POST", HttpRequest.BodyPublishers.ofString(form));
            if (signedIn.location() == null || signedIn.location().contains("error")) {
                throw new IllegalStateException(caller + " could not sign in to " + service + ": " + signedIn);
            }
        }
        // Signing in starts a new session with a new token.
        return new Session(browser.client(), browser.cookies(), csrfOfSignInPage(browser, service));
    }

    /**
     * A fresh Tasklist sign-in for each call, so no call depends on another (a refused call may end Camunda's
     * session). Camunda refuses the front desk, which stays without a login.
     */
    private Session signedInToTasklist(String caller) {
        Session browser = browser();
        send(browser.client(), request("workflow", CAMUNDA_AUTH), "GET", HttpRequest.BodyPublishers.noBody());
        if (!caller.equals(NO_LOGIN)) {
            signInToCamunda(browser, CAMUNDA_AUTH + "/login/tasklist", caller, caller);
            // The sign-in starts a new session; its first request brings the session's XSRF token.
            send(browser.client(), request("workflow", CAMUNDA_AUTH), "GET", HttpRequest.BodyPublishers.noBody());
        }
        return browser;
    }

    private String csrfOfSignInPage(Session browser, String service) {
        HttpRequest request = request(service, "/login").GET().build();
        try {
            String page = browser.client().send(request, HttpResponse.BodyHandlers.ofString()).body();
            Matcher token = CSRF_FIELD.matcher(page);
            if (!token.find()) {
                throw new IllegalStateException("No CSRF token on the sign-in page of " + service);
            }
            return token.group(1);
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Session browser() {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        return new Session(HttpClient.newBuilder().cookieHandler(cookies).build(), cookies, null);
    }

    private static String xsrfToken(CookieManager cookies) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue)
                .findFirst().orElseThrow(() -> new IllegalStateException("Camunda sent no XSRF-TOKEN cookie"));
    }

    private HttpRequest.Builder request(String service, String path) {
        return HttpRequest.newBuilder(URI.create(backline.url(service, path))).timeout(TIMEOUT);
    }

    private static HttpRequest.Builder withBasic(HttpRequest.Builder request, String caller) {
        if (caller.equals(NO_LOGIN)) {
            return request;
        }
        String credentials = caller + ":" + caller;
        return request.header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpRequest.Builder json(HttpRequest.Builder request, String body) {
        return body.isEmpty() ? request : request.header("Content-Type", "application/json");
    }

    private static HttpRequest.BodyPublisher publisher(String body) {
        return body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    }

    private static Answer send(HttpClient client, HttpRequest.Builder request, String method,
                               HttpRequest.BodyPublisher body) {
        HttpRequest built = request.method(method, body).build();
        try {
            HttpResponse<Void> response = client.send(built, HttpResponse.BodyHandlers.discarding());
            return new Answer(response.statusCode(), response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String resolve(String text) {
        String resolved = text;
        for (Map.Entry<String, String> id : ids.entrySet()) {
            resolved = resolved.replace(id.getKey(), id.getValue());
        }
        return resolved;
    }
}
