package health.backline.workflow;

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

/**
 * A person signed in to one of Camunda's webapps (Tasklist, Cockpit) as the webapp's pages do it: the login form
 * with the webapp's XSRF token, then the webapps' REST API ({@code /camunda/api/engine/engine/default/...}) with the
 * session cookie, the token on every write, and the page as {@code Referer}.
 */
public final class CamundaWebapp {

    private final HttpClient client;
    private final CookieManager cookies;
    private final String base;
    private final String app;

    private CamundaWebapp(HttpClient client, CookieManager cookies, String base, String app) {
        this.client = client;
        this.cookies = cookies;
        this.base = base;
        this.app = app;
    }

    /** Signs {@code user} in (password = user name, the embedded default's) to {@code app}; fails if refused. */
    public static CamundaWebapp signIn(int port, String app, String user) {
        CamundaWebapp webapp = open(port, app);
        HttpResponse<String> login = webapp.login(user, user);
        if (login.statusCode() != 200) {
            throw new IllegalStateException("Login of " + user + " to " + app + " refused: " + login.statusCode());
        }
        webapp.get("/task/count"); // a read after the login hands out the new session's XSRF token
        return webapp;
    }

    public static CamundaWebapp open(int port, String app) {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
        CamundaWebapp webapp = new CamundaWebapp(client, cookies, "http://127.0.0.1:" + port, app);
        webapp.send(HttpRequest.newBuilder(URI.create(webapp.base + "/camunda/app/" + app + "/default/")).GET());
        return webapp;
    }

    public HttpResponse<String> login(String user, String password) {
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/" + app))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", token())
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** {@code GET} a path of the engine's REST API, e.g. {@code /task/42/form-variables}. */
    public HttpResponse<String> get(String path) {
        return send(engine(path).GET());
    }

    public HttpResponse<String> post(String path, String json) {
        return send(engine(path).header("Content-Type", "application/json").header("X-XSRF-TOKEN", token())
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> put(String path, String json) {
        return send(engine(path).header("Content-Type", "application/json").header("X-XSRF-TOKEN", token())
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpRequest.Builder engine(String path) {
        return HttpRequest.newBuilder(URI.create(base + "/camunda/api/engine/engine/default" + path))
                .header("Accept", "application/json")
                .header("Referer", base + "/camunda/app/" + app + "/default/");
    }

    private String token() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).reduce((first, last) -> last).orElse("");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
