package health.backline.scheduling.booking;

import health.backline.events.Pathway;
import health.backline.scheduling.slots.CapacityAvailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Freed and added slots go to the referrals waiting for one, in turn: most urgent first, then the one that has
 * waited longest, each into the earliest free slot before its own deadline. Offered as soon as a slot is freed
 * or added (once that has committed), and again by a sweep, so that an offer a crash interrupted, or a slot
 * seeded without one, is not lost.
 */
@Component
class SlotOffers {

    private static final Logger log = LoggerFactory.getLogger(SlotOffers.class);

    private final BookingService booking;

    SlotOffers(BookingService booking) {
        this.booking = booking;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(CapacityAvailable capacity) {
        try {
            offer(capacity.pathway());
        } catch (RuntimeException e) {
            // The slot is free and the referral still waits: the sweep offers it again.
            log.warn("Offering freed {} capacity failed; the sweep will try again", capacity.pathway(), e);
        }
    }

    @Scheduled(fixedDelayString = "${backline.scheduling.offers.sweep}",
            initialDelayString = "${backline.scheduling.offers.sweep}")
    void sweep() {
        offer(null);
    }

    /** Offers free slots of the pathway (null: every pathway) to those waiting for one; how many were booked. */
    int offer(Pathway pathway) {
        int booked = 0;
        for (WaitingReferral waiting : booking.waitingInTurn(pathway)) {
            if (booking.offerFreeSlot(waiting).isPresent()) {
                booked++;
            }
        }
        return booked;
    }
}
