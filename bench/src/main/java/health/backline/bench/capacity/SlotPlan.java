package health.backline.bench.capacity;

import health.backline.bench.load.Pathway;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The slots a run adds before it starts, so that no referral fails for want of capacity: {@code margin} times the
 * run's referrals on each pathway that books slots, on resources named after the run (a slot is unique per
 * resource and start, so runs never collide), every 30 minutes over the day that begins two hours from now: inside
 * every pathway's booking window (imaging 48 h, primary care 7 days, physical therapy 14 days).
 */
public record SlotPlan(List<NewSlot> slots) {

    static final Duration SLOT_LENGTH = Duration.ofMinutes(30);
    /** 24 hours of half-hour slots per resource. */
    static final int SLOTS_PER_RESOURCE = 48;
    private static final Duration FIRST_START_AFTER = Duration.ofHours(2);

    /** One slot to add: the body of {@code POST /api/slots}. */
    public record NewSlot(Pathway pathway, String resource, String location, Instant start, Instant end) {
    }

    public SlotPlan {
        slots = List.copyOf(slots);
    }

    public static SlotPlan covering(Map<Pathway, Long> referrals, double margin, Instant now, String runTag) {
        Instant firstStart = now.truncatedTo(ChronoUnit.HOURS).plus(FIRST_START_AFTER);
        List<NewSlot> slots = new ArrayList<>();
        referrals.forEach((pathway, count) -> {
            if (!pathway.bookedInSlots() || count == 0) {
                return;
            }
            long needed = (long) Math.ceil(count * margin);
            for (long n = 0; n < needed; n++) {
                String resource = resourcePrefix(pathway) + "-B" + runTag + "-" + (n / SLOTS_PER_RESOURCE + 1);
                Instant start = firstStart.plus(SLOT_LENGTH.multipliedBy(n % SLOTS_PER_RESOURCE));
                slots.add(new NewSlot(pathway, resource, location(pathway), start, start.plus(SLOT_LENGTH)));
            }
        });
        return new SlotPlan(slots);
    }

    public int size() {
        return slots.size();
    }

    /** Resource kinds and locations as the embedded default seeds them (services/scheduling application.yml). */
    private static String resourcePrefix(Pathway pathway) {
        return switch (pathway) {
            case URGENT_IMAGING -> "MRI";
            case PHYSICAL_THERAPY -> "PT";
            case PRIMARY_CARE_FOLLOW_UP -> "GP";
            case ER_REFERRAL -> throw new IllegalArgumentException("ER handoffs need no slot");
        };
    }

    private static String location(Pathway pathway) {
        return switch (pathway) {
            case URGENT_IMAGING -> "Imaging suite";
            case PHYSICAL_THERAPY -> "Physiotherapy clinic";
            case PRIMARY_CARE_FOLLOW_UP -> "Primary care clinic";
            case ER_REFERRAL -> throw new IllegalArgumentException("ER handoffs need no slot");
        };
    }
}
