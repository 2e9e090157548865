package org.ecoplan.events.tracing;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * A W3C trace context as it travels with an event: captured when the event is recorded, stored with its outbox row,
 * sent as the Kafka headers {@code traceparent} and {@code tracestate}, and read back by the consumer, which
 * continues the trace. Always W3C (whatever other propagators a service configures), because that is what the
 * columns, the Kafka headers and the webhook requests promise.
 *
 * @param traceparent e.g. {@code 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01}
 * @param tracestate  vendor data, {@code null} when there is none
 */
public record TraceContext(String traceparent, String tracestate) {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    /** @return the context of the span current on this thread, if there is a valid one */
    public static Optional<TraceContext> current() {
        return of(Context.current());
    }

    /** @return the span context held by {@code context} in W3C form, if it is valid */
    public static Optional<TraceContext> of(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return Optional.empty();
        }
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(context, carrier, Map::put);
        String traceparent = carrier.get(TRACEPARENT);
        return traceparent == null ? Optional.empty() : Optional.of(new TraceContext(traceparent, blankToNull(carrier.get(TRACESTATE))));
    }

    /** @return the trace context a Kafka record carries, if it carries a readable one */
    public static Optional<TraceContext> from(Headers headers) {
        String traceparent = header(headers, TRACEPARENT);
        if (traceparent == null) {
            return Optional.empty();
        }
        TraceContext context = new TraceContext(traceparent, header(headers, TRACESTATE));
        return context.spanContext().isValid() ? Optional.of(context) : Optional.empty();
    }

    /** @return a context whose span is the remote parent described here; the root context if it is unreadable */
    public Context asParent() {
        return W3C.extract(Context.root(), asHeaders(), MAP_GETTER);
    }

    /** @return the span context described here (invalid if the text is not a W3C traceparent) */
    public SpanContext spanContext() {
        return Span.fromContext(asParent()).getSpanContext();
    }

    /** @return the 32 hex digits of the trace id, {@code null} if unreadable */
    public String traceId() {
        SpanContext span = spanContext();
        return span.isValid() ? span.getTraceId() : null;
    }

    /** @return {@code traceparent} and, when present, {@code tracestate}: HTTP or Kafka headers */
    public Map<String, String> asHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(TRACEPARENT, traceparent);
        if (tracestate != null) {
            headers.put(TRACESTATE, tracestate);
        }
        return headers;
    }

    /** Replaces the trace headers of a Kafka record with this context. */
    public void addTo(Headers headers) {
        headers.remove(TRACEPARENT);
        headers.remove(TRACESTATE);
        asHeaders().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : blankToNull(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
