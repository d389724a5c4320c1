package health.backline.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import health.backline.endtoend.HttpProbe.Answer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, finding 6, on the packaged services: request bodies over 64 KiB are refused with 413 on every service
 * and path, whether their length is declared or not, before they are read; failed sign-ins, by HTTP Basic or the
 * login form, are answered 429 with Retry-After once a user or an address has failed too often, while correct
 * sign-ins of other users, from other addresses, and of users whose password was just verified still get in.
 *
 * <p>The limit tests are clients at addresses of their own (127.0.0.x, every one reaches a service bound to
 * 127.0.0.1), so the addresses other tests use are never held back, and hold back users other tests do not sign in
 * as on those services.
 */
class ResourceLimitsIT {

    private static final int MIB = 1024 * 1024;
    private static RunningBackline backline;

    @BeforeAll
    static void start() throws Exception {
        backline = RunningBackline.shared();
    }

    /** One endpoint that takes a body, per service, with a user allowed to call it (null: no login needed). */
    private static final List<String[]> BODY_ENDPOINTS = List.of(
            new String[] {"intake", "/api/referrals", "frontdesk"},
            new String[] {"intake", "/api/referrals", null},
            new String[] {"intake", "/api/referrals/00000000-0000-0000-0000-000000000000/cancel", "frontdesk"},
            new String[] {"triage", "/api/triage/evaluate", "clinician"},
            new String[] {"workflow", "/api/tasks/unknown/complete", "clinician"},
            new String[] {"workflow", "/engine-rest/process-instance", "admin"},
            new String[] {"workflow", "/camunda/api/admin/auth/user/default/login/cockpit", null},
            new String[] {"scheduling", "/api/slots", "scheduler"},
            new String[] {"scheduling", "/actuator/health", null});

    @Test
    void every_service_refuses_a_body_over_64_KiB_with_413_problem_json_declared_or_chunked() {
        byte[] oneMiB = new byte[MIB];
        Arrays.fill(oneMiB, (byte) '{');
        for (String[] endpoint : BODY_ENDPOINTS) {
            String url = backline.url(endpoint[0], endpoint[1]);
            Answer declared = HttpProbe.send("POST", url, endpoint[2], "application/json",
                    HttpRequest.BodyPublishers.ofByteArray(oneMiB));
            assertTooLarge(declared, endpoint);
            Answer chunked = HttpProbe.send("POST", url, endpoint[2], "application/json",
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oneMiB)));
            assertTooLarge(chunked, endpoint);
        }
        // A chunked form post (Tomcat reads forms itself) is held to the same limit.
        Answer form = HttpProbe.send("POST", backline.url("intake", "/login"), null, "application/x-www-form-urlencoded",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        ("username=frontdesk&password=" + "x".repeat(MIB)).getBytes(StandardCharsets.UTF_8))));
        assertThat(form.status()).as("chunked login form").isEqualTo(413);
    }

    @Test
    void a_declared_length_over_the_limit_is_refused_before_a_byte_of_the_body_is_sent() {
        // 200 MB announced, none sent: an answer at all proves the service did not wait to read it.
        Answer answer = HttpProbe.raw("127.0.0.21", backline.url("intake", "/api/referrals"),
                "POST /api/referrals HTTP/1.1\r\nAuthorization: " + HttpProbe.basic("frontdesk", "frontdesk")
                        + "\r\nContent-Type: application/json\r\nContent-Length: 200000000", null);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.header("content-type")).startsWith("application/problem+json");
        assertThat(backline.get("intake", "/actuator/health", "admin").status()).isEqualTo(200);
    }

    @Test
    void a_body_within_the_limit_is_read_as_before() {
        String almost = "{\"patient\": {\"mrn\": \"" + "x".repeat(60 * 1024) + "\"}}";
        Answer chunked = HttpProbe.send("POST", backline.url("intake", "/api/referrals"), "frontdesk", "application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(almost.getBytes(StandardCharsets.UTF_8))));
        assertThat(chunked.status()).as(chunked.body()).isEqualTo(400);
        assertThat(chunked.json().at("/errors").toString()).contains("/patient/mrn");
    }

    @Test
    void failed_basic_sign_ins_are_held_back_per_user_with_429_and_correct_sign_ins_still_get_in() {
        String url = backline.url("triage", "/api/dead-letters");
        // The scheduler signs in on triage once (their password is now remembered for a while).
        assertThat(basic("127.0.0.31", url, "scheduler", "scheduler").status()).isEqualTo(403);

        for (int i = 0; i < 10; i++) {
            assertThat(basic("127.0.0.32", url, "scheduler", "guess-" + i).status()).as("failure %d", i + 1).isEqualTo(401);
        }
        Answer refused = basic("127.0.0.33", url, "scheduler", "guess-10");
        assertThat(refused.status()).as("the 11th guess, from another address").isEqualTo(429);
        assertThat(Integer.parseInt(refused.header("retry-after"))).isBetween(1, 30);
        assertThat(refused.header("content-type")).startsWith("application/problem+json");
        assertThat(refused.json().get("status").asInt()).isEqualTo(429);
        assertThat(basic("127.0.0.33", url, "scheduler", "scheduler").status())
                .as("the scheduler's own password, verified a moment ago").isEqualTo(403);
        assertThat(basic("127.0.0.32", url, "clinician", "clinician").status())
                .as("another user, from the guessing address").isEqualTo(403);
        assertThat(basic("127.0.0.32", url, "clinician", "wrong").status()).as("another user's failure").isEqualTo(401);
    }

    @Test
    void failed_sign_ins_are_held_back_per_address_and_other_addresses_still_get_in() {
        String url = backline.url("scheduling", "/api/dead-letters");
        assertThat(basic("127.0.0.41", url, "admin", "admin").status()).isEqualTo(200);
        for (int i = 0; i < 50; i++) {
            assertThat(basic("127.0.0.42", url, "nobody-" + i, "guess").status()).as("failure %d", i + 1).isEqualTo(401);
        }
        Answer refused = basic("127.0.0.42", url, "lead", "wrong");
        assertThat(refused.status()).as("anyone's next try from that address").isEqualTo(429);
        assertThat(refused.header("retry-after")).isNotBlank();
        assertThat(basic("127.0.0.43", url, "lead", "wrong").status()).as("the same from another address").isEqualTo(401);
        assertThat(basic("127.0.0.42", url, "admin", "admin").status())
                .as("a password verified a moment ago, from the held-back address").isEqualTo(200);
    }

    @Test
    void failed_sign_ins_on_the_login_form_are_held_back_too() {
        String login = backline.url("intake", "/login");
        for (int i = 0; i < 10; i++) {
            Answer failed = formLogin("127.0.0.51", login, "scheduler", "guess-" + i);
            assertThat(failed.status()).as("failure %d", i + 1).isEqualTo(302);
            assertThat(failed.header("location")).contains("/login?error");
        }
        Answer refused = formLogin("127.0.0.52", login, "scheduler", "guess-10");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("retry-after")).isNotBlank();
        Answer other = formLogin("127.0.0.52", login, "frontdesk", "frontdesk");
        assertThat(other.status()).as("another user signs in").isEqualTo(302);
        assertThat(other.header("location")).doesNotContain("error");
    }

    private static void assertTooLarge(Answer answer, String[] endpoint) {
        String what = String.join(" ", Arrays.stream(endpoint).map(String::valueOf).toList());
        assertThat(answer.status()).as(what + ": " + answer.body()).isEqualTo(413);
        assertThat(answer.header("content-type")).as(what).startsWith("application/problem+json");
        assertThat(answer.json().get("status").asInt()).as(what).isEqualTo(413);
    }

    private static Answer basic(String from, String url, String user, String password) {
        String path = url.substring(url.indexOf('/', "http://".length()));
        return HttpProbe.raw(from, url, "GET " + path + " HTTP/1.1\r\nAuthorization: " + HttpProbe.basic(user, password), null);
    }

    /** The sign-in page as a browser uses it: its session cookie and CSRF token, then the form. */
    private static Answer formLogin(String from, String loginUrl, String user, String password) {
        Answer page = HttpProbe.raw(from, loginUrl, "GET /login HTTP/1.1", null);
        String cookie = page.header("set-cookie").split(";")[0];
        Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"")
                .matcher(page.body());
        assertThat(token.find()).as("CSRF token on the sign-in page").isTrue();
        String csrf = token.group(1) != null ? token.group(1) : token.group(2);
        byte[] form = ("username=" + user + "&password=" + password + "&_csrf=" + csrf).getBytes(StandardCharsets.UTF_8);
        return HttpProbe.raw(from, loginUrl, "POST /login HTTP/1.1\r\nCookie: " + cookie
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length, form);
    }
}
