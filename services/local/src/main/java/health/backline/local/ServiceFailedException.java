package health.backline.local;

import java.util.List;

/** A service that ended or did not become healthy in time, with the end of its log to show the reason. */
public final class ServiceFailedException extends Exception {

    private final String service;
    private final List<String> logTail;

    public ServiceFailedException(String service, String message, List<String> logTail) {
        super(message);
        this.service = service;
        this.logTail = List.copyOf(logTail);
    }

    public String service() {
        return service;
    }

    public List<String> logTail() {
        return logTail;
    }
}
