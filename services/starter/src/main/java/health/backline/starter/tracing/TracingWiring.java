package health.backline.starter.tracing;

import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One trace per referral (ADR 17). Spans, propagation (W3C {@code traceparent} in Kafka headers and HTTP) and their
 * export come from Spring Boot's Micrometer Tracing on OpenTelemetry, switched on in {@code backline-defaults.properties};
 * the starter adds what Boot cannot know: how a trace crosses the outbox.
 */
@Configuration(proxyBeanMethods = false)
public class TracingWiring {

    /** Without a tracer (tracing switched off, as in Spring Boot's tests) no event carries a trace context. */
    @Bean
    TraceParents traceParents(ObjectProvider<Tracer> tracer) {
        return new TraceParents(tracer.getIfAvailable(() -> Tracer.NOOP));
    }
}
