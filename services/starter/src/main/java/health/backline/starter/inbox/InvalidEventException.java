package health.backline.starter.inbox;

/**
 * A record that can never be handled, however often it is retried (unknown type, unreadable data).
 * The error handler sends it straight to the dead-letter topic.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidEventException(String message) {
        super(message);
    }
}
