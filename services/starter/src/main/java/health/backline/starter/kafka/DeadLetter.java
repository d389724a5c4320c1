package health.backline.starter.kafka;

import java.time.Instant;

/**
 * One record of a dead-letter topic, as the dead-letter tool lists it: where it is, where it came from, which
 * referral and event, why it failed and what has been done with it. Never its data: it may hold patient details.
 *
 * @param topic            the dead-letter topic ({@code <topic>.DLT})
 * @param originalTopic    where the record was first written, and where a replay sends it
 * @param key              the record key: the referral id
 * @param consumerGroup    the listener's consumer group that gave up on it
 * @param deliveryAttempts how often it was delivered before it was dead-lettered (1: not retried)
 * @param timestamp        when it was dead-lettered
 * @param status           {@code DEAD} (nothing done yet), {@code REPLAYED} or {@code DISCARDED}
 * @param replayedTo       a replayed record's new place, {@code <topic>/<partition>/<offset>}
 */
public record DeadLetter(String topic, int partition, long offset,
                         String originalTopic, Integer originalPartition, Long originalOffset,
                         String key, String ceId, String ceType, String consumerGroup,
                         String reason, Integer deliveryAttempts, Instant timestamp,
                         String status, String actedBy, Instant actedAt, String replayedTo) {

    public static final String DEAD = "DEAD";
    public static final String REPLAYED = "REPLAYED";
    public static final String DISCARDED = "DISCARDED";

    DeadLetter withAction(DeadLetterActions.Action action) {
        if (action == null) {
            return this;
        }
        return new DeadLetter(topic, partition, offset, originalTopic, originalPartition, originalOffset, key, ceId,
                ceType, consumerGroup, reason, deliveryAttempts, timestamp, action.action(), action.actor(), action.at(),
                action.replayedTo());
    }
}
