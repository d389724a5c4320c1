package health.backline.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import health.backline.endtoend.RunningBackline.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults under load, on the packaged services: while referrals keep arriving, each service in turn is
 * killed with SIGKILL and started again, and then the broker is stopped for 30 seconds and started
 * again on its log. Afterwards every accepted referral has reached its pathway (nothing lost), with one
 * process instance, at most one booked appointment and no status twice in its timeline (nothing
 * doubled), and no record went to a dead-letter topic. The services run over a broker of their own
 * (so it can be stopped) and a database of their own on the test support's PostgreSQL server.
 */
class FaultsUnderLoadIT {

    private static final String[] SERVICES = {"intake", "triage", "workflow", "scheduling"};
    private static final Duration BROKER_DOWN = Duration.ofSeconds(30);
    /** 3 referrals a second: load the machine carries while a service restarts beside it. */
    private static final Duration BETWEEN_SUBMISSIONS = Duration.ofMillis(333);
    /** Slots added per pathway that books slots, beyond the seeded ones: more than the run submits. */
    private static final int EXTRA_SLOTS = 500;

    private static OwnBrokerAndDatabase brokerAndDatabase;
    private static RunningBackline backline;

    private final Map<String, String> expectedStatus = new ConcurrentHashMap<>();
    private final AtomicInteger refusedAttempts = new AtomicInteger();

    @BeforeAll
    static void servicesOverABrokerAndDatabaseOfTheirOwn() throws Exception {
        brokerAndDatabase = OwnBrokerAndDatabase.start("faults");
        backline = RunningBackline.startWith(brokerAndDatabase.connections(), "-faults", SERVICES);
        addSlots("PHYSICAL_THERAPY", "PT-FAULTS", "Physiotherapy clinic");
        addSlots("PRIMARY_CARE_FOLLOW_UP", "GP-FAULTS", "Primary care clinic");
    }

    private static void addSlots(String pathway, String resourcePrefix, String location) {
        for (String slot : GeneratedSlots.bodies(pathway, resourcePrefix, location, EXTRA_SLOTS)) {
            assertThat(backline.post("scheduling", "/api/slots", "scheduler", slot, Map.of()).status()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stopEverything() {
        if (backline != null) {
            backline.close();
        }
        if (brokerAndDatabase != null) {
            brokerAndDatabase.close();
        }
    }

    @Test
    void killing_each_service_and_stopping_the_broker_under_load_loses_and_doubles_nothing() throws Exception {
        AtomicBoolean loading = new AtomicBoolean(true);
        Thread load = new Thread(() -> submitWhile(loading), "fault-test-load");
        load.start();
        try {
            pause(Duration.ofSeconds(10));
            for (String service : SERVICES) {
                Duration back = backline.killAndRestart(service);
                System.out.printf("[faults] %s killed with SIGKILL, healthy again %d ms after its restart (%d referrals accepted so far)%n",
                        service, back.toMillis(), expectedStatus.size());
                pause(Duration.ofSeconds(5));
            }
            brokerAndDatabase.stopBroker();
            System.out.printf("[faults] broker stopped (%d referrals accepted so far)%n", expectedStatus.size());
            pause(BROKER_DOWN);
            brokerAndDatabase.startBrokerAgain();
            System.out.printf("[faults] broker started again on its log after %d s%n", BROKER_DOWN.toSeconds());
            pause(Duration.ofSeconds(10));
        } finally {
            loading.set(false);
            load.join(TimeUnit.MINUTES.toMillis(2));
        }
        System.out.printf("[faults] %d referrals accepted; %d submissions refused while intake or the broker was away, and retried%n",
                expectedStatus.size(), refusedAttempts.get());

        Map<String, String> pending = new HashMap<>(expectedStatus);
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() ->
                assertThat(unfinished(pending)).as("referrals not yet where they should be").isEmpty());
        assertNothingDoubled();
        assertThat(DeadLetters.count(brokerAndDatabase.bootstrapServers())).as("records in dead-letter topics").isZero();
    }

    /**
     * Open loop at 8 referrals/s; a submission the service cannot take (intake restarting) is retried with its
     * Idempotency-Key until accepted, as the front desk's client does.
     */
    private void submitWhile(AtomicBoolean loading) {
        Instant next = Instant.now();
        for (int i = 0; loading.get(); i++) {
            GeneratedReferrals.Referral referral = GeneratedReferrals.number(i, "FAULT");
            String key = UUID.randomUUID().toString();
            while (true) {
                Response answer = tryPost(referral.intake().toString(), key);
                if (answer != null && (answer.status() == 202 || answer.status() == 200)) {
                    expectedStatus.put(answer.body().get("id").asText(), referral.expectedStatus());
                    break;
                }
                refusedAttempts.incrementAndGet();
                pause(Duration.ofMillis(500));
            }
            next = next.plus(BETWEEN_SUBMISSIONS);
            Duration wait = Duration.between(Instant.now(), next);
            if (!wait.isNegative()) {
                pause(wait);
            }
        }
    }

    private Response tryPost(String intake, String idempotencyKey) {
        try {
            return backline.post("intake", "/api/referrals", "frontdesk", intake, Map.of("Idempotency-Key", idempotencyKey));
        } catch (IllegalStateException unreachable) {
            return null;
        }
    }

    /** Those still on their way; the ones that arrived leave {@code pending}, so each poll asks fewer. */
    private static List<String> unfinished(Map<String, String> pending) {
        List<String> waiting = new ArrayList<>();
        pending.entrySet().removeIf(referral -> {
            JsonNode view = backline.get("intake", "/api/referrals/" + referral.getKey(), "frontdesk").body();
            boolean arrived = view != null && referral.getValue().equals(view.path("status").asText());
            if (!arrived) {
                waiting.add(referral.getKey() + " is " + (view == null ? "unknown" : view.path("status").asText()));
            }
            return arrived;
        });
        return waiting;
    }

    private void assertNothingDoubled() throws Exception {
        ProcessedOnce.assertEachReferralProcessedOnce(brokerAndDatabase.jdbcUrl(), expectedStatus);
        for (String id : expectedStatus.keySet()) {
            List<String> statuses = new ArrayList<>();
            backline.get("intake", "/api/referrals/" + id, "frontdesk").body().get("timeline")
                    .forEach(entry -> statuses.add(entry.get("status").asText()));
            assertThat(statuses).as("timeline of " + id).doesNotHaveDuplicates();
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
