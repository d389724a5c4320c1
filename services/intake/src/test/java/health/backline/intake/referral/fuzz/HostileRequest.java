package health.backline.intake.referral.fuzz;

import java.nio.charset.StandardCharsets;

/** One request the front desk's client should never send: what is wrong with it, its content type and its bytes. */
record HostileRequest(String flaw, String contentType, byte[] body) {

    static final String JSON = "application/json";

    static HostileRequest json(String flaw, String body) {
        return new HostileRequest(flaw, JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    /** What a failing try prints: the flaw and the start of the body. */
    @Override
    public String toString() {
        String text = new String(body, StandardCharsets.UTF_8);
        return flaw + " [" + contentType + ", " + body.length + " bytes] "
                + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }
}
