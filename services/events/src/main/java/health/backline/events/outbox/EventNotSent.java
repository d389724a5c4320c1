package health.backline.events.outbox;

/**
 * Thrown by the relay when an event stays in the outbox, so the registry keeps it for the next
 * retry. No stack trace: the cause (or the reason text) says everything.
 */
class EventNotSent extends RuntimeException {

    EventNotSent(OutboundEvent event, String reason, Throwable cause) {
        super("Event " + event.id() + " (" + event.type() + ", referral " + event.key() + ") stays in the outbox: "
                + reason, cause, false, false);
    }
}
