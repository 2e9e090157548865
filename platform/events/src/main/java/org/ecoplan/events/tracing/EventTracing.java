package org.ecoplan.events.tracing;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.MDC;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * The spans of the event hops: a PRODUCER span when the relay sends an event (child of the context stored with the
 * outbox row, so the HTTP request that caused it), and a CONSUMER span when a consumer handles one (child of the
 * context on the record). While a consumer span is current, every event the handler records carries it on, so one
 * report is one trace from progress-service through indicator- and notification-service to the webhook.
 *
 * <p>Spans are created whether or not they are exported (export is off by default, {@code quarkus.otel.traces.sampler.arg=0}):
 * an unsampled span still has its trace and span ids, which travel on and appear in the logs.
 */
@ApplicationScoped
public class EventTracing {

    private static final String MDC_TRACE_ID = "traceId";
    private static final String MDC_SPAN_ID = "spanId";

    private final Tracer tracer;

    EventTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("org.ecoplan.events");
    }

    /**
     * Starts the span of sending one event; its context goes on the record. Without a stored context (an event a
     * scheduled job recorded) the send starts a trace of its own, so that its consumers still share one.
     */
    public Span startPublish(String topic, String eventId, String key, Optional<TraceContext> stored) {
        return tracer.spanBuilder(topic + " publish")
                .setSpanKind(SpanKind.PRODUCER)
                .setParent(stored.map(TraceContext::asParent).orElse(Context.root()))
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "publish")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.message.id", eventId)
                .setAttribute("messaging.kafka.message.key", key)
                .startSpan();
    }

    /** Starts the span of handling one record, as a child of the context the record carries (if any). */
    public Span startProcess(String consumer, ConsumerRecord<?, ?> record) {
        Optional<TraceContext> parent = TraceContext.from(record.headers());
        return tracer.spanBuilder(record.topic() + " process")
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(parent.map(TraceContext::asParent).orElse(Context.root()))
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.destination.partition.id", Integer.toString(record.partition()))
                .setAttribute("messaging.kafka.offset", record.offset())
                .setAttribute("messaging.consumer.group.name", consumer)
                .startSpan();
    }

    /**
     * Starts the span of handling a poll's records together: a child of the first record's context (so the events it
     * records carry that trace on), linked to every other record's, as OpenTelemetry's messaging conventions do for a
     * batch.
     */
    public Span startProcessBatch(String consumer, List<? extends ConsumerRecord<?, ?>> records) {
        ConsumerRecord<?, ?> first = records.get(0);
        SpanBuilder builder = tracer.spanBuilder(first.topic() + " process")
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(TraceContext.from(first.headers()).map(TraceContext::asParent).orElse(Context.root()))
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", first.topic())
                .setAttribute("messaging.batch.message_count", (long) records.size())
                .setAttribute("messaging.consumer.group.name", consumer);
        for (ConsumerRecord<?, ?> record : records.subList(1, records.size())) {
            TraceContext.from(record.headers()).ifPresent(context -> builder.addLink(context.spanContext()));
        }
        return builder.startSpan();
    }

    /**
     * Starts the span of one attempt to deliver an event to a webhook (an HTTP client call), as a child of the context
     * the delivery was queued in: the last hop of the event's trace.
     */
    public Span startDelivery(String url, Optional<TraceContext> queuedIn) {
        return tracer.spanBuilder("webhook POST")
                .setSpanKind(SpanKind.CLIENT)
                .setParent(queuedIn.map(TraceContext::asParent).orElse(Context.root()))
                .setAttribute("http.request.method", "POST")
                // The host only: a receiver's URL may carry a token in its path or query.
                .setAttribute("server.address", host(url))
                .startSpan();
    }

    /**
     * Makes {@code span} current on this thread and puts its ids into the logging context (as Quarkus does for HTTP
     * requests), until the returned scope is closed.
     */
    public static Scope activate(Span span) {
        Scope scope = span.makeCurrent();
        Object previousTrace = MDC.get(MDC_TRACE_ID);
        Object previousSpan = MDC.get(MDC_SPAN_ID);
        MDC.put(MDC_TRACE_ID, span.getSpanContext().getTraceId());
        MDC.put(MDC_SPAN_ID, span.getSpanContext().getSpanId());
        return () -> {
            restore(MDC_TRACE_ID, previousTrace);
            restore(MDC_SPAN_ID, previousSpan);
            scope.close();
        };
    }

    private static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "unknown" : host;
        } catch (IllegalArgumentException e) {
            return "unknown";
        }
    }

    private static void restore(String key, Object previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
