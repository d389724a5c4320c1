package health.backline.scheduling.slots;

import health.backline.events.Pathway;

/**
 * A slot of the pathway became free (added, or its appointment cancelled), published once that change has
 * committed: a referral waiting for one may now be booked.
 */
public record CapacityAvailable(Pathway pathway) {
}
