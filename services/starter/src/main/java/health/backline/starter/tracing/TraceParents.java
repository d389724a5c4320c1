package health.backline.starter.tracing;

import io.micrometer.tracing.CurrentTraceContext;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A trace context as a W3C {@code traceparent} ({@code 00-<trace id>-<span id>-<flags>}): the form in which it waits
 * where no thread carries it, in an outbox row until the relay sends the event, in a process variable until the
 * engine's job executor runs the next step (ADR 17).
 */
public class TraceParents {

    private static final Pattern TRACE_PARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final CurrentTraceContext.Scope NOTHING_TO_CONTINUE = () -> { };

    private final Tracer tracer;

    public TraceParents(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The trace context of this thread, or null when it carries none. */
    public String current() {
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return null;
        }
        return "00-" + context.traceId() + "-" + context.spanId() + "-" + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }

    /**
     * Makes the given context this thread's until the scope closes, so spans started in it join that trace. A thread
     * already in that trace keeps its own, closer, span. A null or unreadable traceparent continues nothing: spans
     * start a trace of their own, as they would without it.
     */
    public CurrentTraceContext.Scope continueFrom(String traceParent) {
        Matcher parts = traceParent == null ? null : TRACE_PARENT.matcher(traceParent);
        if (parts == null || !parts.matches() || parts.group(1).equals(currentTraceId())) {
            return NOTHING_TO_CONTINUE;
        }
        TraceContext context = tracer.traceContextBuilder()
                .traceId(parts.group(1))
                .spanId(parts.group(2))
                .sampled((Integer.parseInt(parts.group(3), 16) & 1) == 1)
                .build();
        return tracer.currentTraceContext().newScope(context);
    }

    private String currentTraceId() {
        TraceContext context = tracer.currentTraceContext().context();
        return context == null ? null : context.traceId();
    }
}
