package health.backline.bench.capacity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.backline.bench.api.BacklineApi;
import health.backline.bench.capacity.SlotPlan.NewSlot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Adds a plan's slots through {@code POST /api/slots}, a bounded number at a time (thousands at once would only
 * queue in Tomcat and the connection pool), and says how long it took.
 */
public final class SlotCapacity {

    /** How adding went: added (201), already there (409), failed otherwise, and the time it took. */
    public record Added(int planned, int added, int alreadyThere, int failed, Duration took, int concurrency) {

        public double perSecond() {
            return added / Math.max(took.toNanos() / 1e9, 1e-9);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BacklineApi api;
    private final int concurrency;

    public SlotCapacity(BacklineApi api, int concurrency) {
        this.api = api;
        this.concurrency = concurrency;
    }

    public Added add(SlotPlan plan) throws InterruptedException {
        Semaphore permits = new Semaphore(concurrency);
        AtomicInteger added = new AtomicInteger();
        AtomicInteger alreadyThere = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<?>> requests = new ArrayList<>(plan.size());
        long started = System.nanoTime();
        for (NewSlot slot : plan.slots()) {
            permits.acquire();
            requests.add(api.addSlot(body(slot)).whenComplete((answer, failure) -> {
                permits.release();
                int status = failure == null ? answer.status() : 0;
                (status == 201 ? added : status == 409 ? alreadyThere : failed).incrementAndGet();
            }));
        }
        CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
        return new Added(plan.size(), added.get(), alreadyThere.get(), failed.get(),
                Duration.ofNanos(System.nanoTime() - started), concurrency);
    }

    private static byte[] body(NewSlot slot) {
        ObjectNode body = JSON.createObjectNode()
                .put("pathway", slot.pathway().name())
                .put("resource", slot.resource())
                .put("location", slot.location())
                .put("start", slot.start().toString())
                .put("end", slot.end().toString());
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
