package health.backline.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import health.backline.endtoend.RoleMatrixCalls.Answer;
import health.backline.endtoend.RoleMatrixEndpoint.Kind;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every endpoint and page of every service, asked as each of the contract's users and without a login, on the
 * running services: {@code role-matrix.txt} says who may call what, this test holds the services to it.
 */
class RoleMatrixIT {

    private static final List<RoleMatrixEndpoint> MATRIX = RoleMatrixEndpoint.load("role-matrix.txt");
    private static final List<String> CALLERS = callers();
    private static final String URGENT_IMAGING_INTAKE = """
            {"patient": {"mrn": "MATRIX-1", "givenName": "Helen", "familyName": "Price", "birthDate": "1957-04-20",
                         "sex": "female"},
             "complaint": {"region": "LUMBAR", "symptomDurationDays": 14, "painScore": 5},
             "findings": ["CANCER_HISTORY"], "conservativeCareWeeks": 0, "improving": null}""";

    private static RoleMatrixCalls calls;

    @BeforeAll
    static void aReferralAwaitingReview() throws Exception {
        RunningBackline backline = RunningBackline.shared();
        String referral = backline.post("intake", "/api/referrals", "frontdesk", URGENT_IMAGING_INTAKE, Map.of())
                .body().get("id").asText();
        JsonNode tasks = await().atMost(Duration.ofSeconds(90)).until(() -> backline.get("workflow",
                "/api/tasks?queue=clinician&referralId=" + referral, "admin").body(), body -> body != null && body.size() == 1);
        calls = new RoleMatrixCalls(backline, Map.of(
                "{referral}", referral,
                "{reviewTask}", tasks.get(0).get("id").asText(),
                "{unknown}", UUID.randomUUID().toString(),
                "{today}", LocalDate.now(ZoneId.of("Europe/London")).toString()));
    }

    @Test
    void the_matrix_reaches_every_service_in_every_way() {
        assertThat(MATRIX).extracting(RoleMatrixEndpoint::service).containsAll(RoleMatrixEndpoint.SERVICES);
        assertThat(MATRIX).extracting(RoleMatrixEndpoint::kind).contains(Kind.values());
        assertThat(MATRIX).extracting(RoleMatrixEndpoint::path)
                .anyMatch(path -> path.startsWith("/engine-rest/"))
                .anyMatch(path -> path.startsWith("/camunda/api/"))
                .anyMatch(path -> path.startsWith("/actuator/"));
    }

    @TestFactory
    Stream<DynamicTest> each_user_reaches_exactly_what_the_contract_gives_their_role() {
        return MATRIX.stream().flatMap(endpoint -> CALLERS.stream().map(caller -> {
            Expected expected = expected(endpoint, caller);
            return DynamicTest.dynamicTest(caller + " " + expected.sentence() + ": " + endpoint, () ->
                    assertThat(calls.call(endpoint, caller)).as(caller + " " + expected.sentence() + ": " + endpoint)
                            .matches(expected.answer(), expected.sentence()));
        }));
    }

    /** What a caller must get, in words (the test's name) and as a check of the answer. */
    private record Expected(String sentence, Predicate<Answer> answer) {
    }

    private static Expected expected(RoleMatrixEndpoint endpoint, String caller) {
        if (endpoint.access().unexposed()) {
            return new Expected("gets no answer (401, 403 or 404)", answer -> Set.of(401, 403, 404).contains(answer.status()));
        }
        if (endpoint.access().open()) {
            return allowed();
        }
        if (caller.equals(RoleMatrixCalls.NO_LOGIN)) {
            return endpoint.kind() == Kind.PAGE
                    ? new Expected("is sent to the sign-in page", Answer::sentToSignIn)
                    : new Expected("is asked to log in (401)", answer -> answer.status() == 401);
        }
        if (endpoint.kind() == Kind.CAMUNDA && !tasklistUsers().contains(caller)) {
            return new Expected("has no Camunda sign-in, so is asked to log in (401)", answer -> answer.status() == 401);
        }
        return endpoint.access().allows(caller) ? allowed()
                : new Expected("is refused (403)", answer -> answer.status() == 403);
    }

    private static Expected allowed() {
        return new Expected("may call", answer -> answer.status() != 401 && answer.status() != 403 && !answer.sentToSignIn());
    }

    /** Who may sign in to Tasklist, as the matrix says. */
    private static Set<String> tasklistUsers() {
        return MATRIX.stream().filter(endpoint -> endpoint.path().endsWith("/login/tasklist")).findFirst()
                .orElseThrow(() -> new IllegalStateException("role-matrix.txt has no Tasklist sign-in"))
                .access().roles();
    }

    private static List<String> callers() {
        List<String> callers = new ArrayList<>(List.of(RoleMatrixCalls.NO_LOGIN));
        callers.addAll(RoleMatrixEndpoint.ROLES);
        return callers;
    }
}
