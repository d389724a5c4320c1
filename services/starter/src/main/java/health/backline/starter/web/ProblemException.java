package health.backline.starter.web;

import org.springframework.http.HttpStatus;

/** An error a client can act on, answered as an RFC 9457 problem with this status, title and detail. */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String title;

    public ProblemException(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
