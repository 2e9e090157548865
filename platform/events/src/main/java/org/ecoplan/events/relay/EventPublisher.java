package org.ecoplan.events.relay;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.ecoplan.events.CloudEventHeaders;
import org.ecoplan.events.EventsConfig;
import org.ecoplan.events.tracing.EventTracing;
import org.ecoplan.events.tracing.TraceContext;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

/**
 * Sends outbox events as CloudEvents in binary mode and waits for Kafka's acknowledgements.
 * Used by the relay thread only.
 */
@ApplicationScoped
class EventPublisher {

    private final KafkaClients kafka;
    private final EventsConfig config;
    private final EventTracing tracing;
    private Producer<String, String> producer;

    EventPublisher(KafkaClients kafka, EventsConfig config, EventTracing tracing) {
        this.kafka = kafka;
        this.config = config;
        this.tracing = tracing;
    }

    /**
     * Sends all events, then waits for their acknowledgements in order. Reports the longest
     * acknowledged prefix: everything after the first failure is sent again later, so a retry
     * never lets an older event of a key overtake a newer one that was already delivered.
     */
    Outcome publish(List<WaitingEvent> events) throws InterruptedException {
        if (producer == null) {
            producer = kafka.newProducer();
        }
        var sends = new ArrayList<Future<RecordMetadata>>(events.size());
        RuntimeException sendFailure = null;
        for (WaitingEvent event : events) {
            Span span = tracing.startPublish(event.topic(), event.id().toString(), event.aggregateId(), event.trace());
            try {
                sends.add(producer.send(record(event, span)));
            } catch (RuntimeException e) {
                // send() itself fails when it cannot get the topic's metadata in time (broker down).
                sendFailure = e;
                break;
            } finally {
                span.end();
            }
        }
        Outcome outcome = awaitAcknowledgements(events, sends, sendFailure);
        if (outcome.failure() != null) {
            discardProducer();
        }
        return outcome;
    }

    private Outcome awaitAcknowledgements(List<WaitingEvent> events, List<Future<RecordMetadata>> sends,
            RuntimeException sendFailure) throws InterruptedException {
        long deadline = System.nanoTime() + config.sendTimeout().toNanos() + Duration.ofSeconds(1).toNanos();
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                return new Outcome(events.subList(0, i), e.getCause());
            } catch (TimeoutException e) {
                return new Outcome(events.subList(0, i), e);
            }
        }
        return new Outcome(events.subList(0, sends.size()), sendFailure);
    }

    /** The CloudEvents attributes, and the trace context of the publish span (a child of the one stored with the row). */
    private ProducerRecord<String, String> record(WaitingEvent event, Span publish) {
        var headers = new RecordHeaders();
        headers.add(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.bytes(CloudEventHeaders.SPEC_VERSION_1_0));
        headers.add(CloudEventHeaders.ID, CloudEventHeaders.bytes(event.id().toString()));
        headers.add(CloudEventHeaders.SOURCE, CloudEventHeaders.bytes(config.source()));
        headers.add(CloudEventHeaders.TYPE, CloudEventHeaders.bytes(event.type()));
        headers.add(CloudEventHeaders.TIME, CloudEventHeaders.bytes(rfc3339(event.occurredAt())));
        headers.add(CloudEventHeaders.SUBJECT, CloudEventHeaders.bytes(event.aggregateId()));
        headers.add(CloudEventHeaders.AGGREGATE_TYPE, CloudEventHeaders.bytes(event.aggregateType()));
        if (event.payload() != null) {
            headers.add(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.bytes(CloudEventHeaders.JSON));
        }
        TraceContext.of(Context.root().with(publish)).or(event::trace).ifPresent(trace -> trace.addTo(headers));
        return new ProducerRecord<>(event.topic(), null, event.aggregateId(), event.payload(), headers);
    }

    private static String rfc3339(Instant time) {
        return DateTimeFormatter.ISO_INSTANT.format(time);
    }

    /**
     * After a failure the producer may still hold unsent records of the failed batch; a fresh one
     * starts clean, with a new idempotence epoch.
     */
    void discardProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    /** @param failure why the events after {@code acknowledged} were not delivered; {@code null} if all were */
    record Outcome(List<WaitingEvent> acknowledged, Throwable failure) {
    }
}
