package org.ecoplan.events.consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ecoplan.events.tracing.TraceContext;
import org.ecoplan.testing.EventReader;
import org.ecoplan.testing.EventWriter;
import org.ecoplan.testing.RealInfrastructureResource;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * One trace across the event hops, with export off (the default, sampler ratio 0): the trace context of an HTTP
 * request is stored with its outbox row and sent as {@code traceparent}; a consumer continues the trace of the record
 * it handles, and the event it records carries the same trace on.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class TraceAcrossHopsTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final String FOLLOW_UP_TOPIC = TestEventHandler.FOLLOW_UP_TOPIC;

    @TestHTTPResource("/")
    URI base;

    @Inject
    DataSource dataSource;

    @Test
    void aRequestsTraceGoesWithItsEventToKafka() throws Exception {
        String key = "traced-" + UUID.randomUUID();
        int status = post(key, Map.of("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01", "tracestate", "ecoplan=t1"));
        assertEquals(204, status);

        ConsumerRecord<String, String> record = EventReader.awaitRecord(FOLLOW_UP_TOPIC, r -> key.equals(r.key()), WITHIN);
        TraceContext sent = TraceContext.from(record.headers()).orElseThrow(() -> new AssertionError("no traceparent on the record"));
        assertEquals(TRACE_ID, sent.traceId(), "the request's trace");
        assertNotEquals(CALLER_SPAN, sent.spanContext().getSpanId(), "a span of its own (the relay's publish span)");
        assertEquals("ecoplan=t1", sent.tracestate(), "vendor data travels on");

        TraceContext stored = storedTrace(key);
        assertEquals(TRACE_ID, stored.traceId(), "the outbox row keeps the request's context");
        assertNotEquals(stored.spanContext().getSpanId(), sent.spanContext().getSpanId(),
                "the record's parent is the publish span, the row's is the request's server span");
    }

    @Test
    void traceIdsAreMadeWhenTheCallerSendsNone() throws Exception {
        String key = "untraced-" + UUID.randomUUID();
        assertEquals(204, post(key, Map.of()));

        ConsumerRecord<String, String> record = EventReader.awaitRecord(FOLLOW_UP_TOPIC, r -> key.equals(r.key()), WITHIN);
        TraceContext sent = TraceContext.from(record.headers()).orElseThrow(() -> new AssertionError("no traceparent on the record"));
        assertTrue(sent.spanContext().isValid(), sent.traceparent());
        assertEquals(storedTrace(key).traceId(), sent.traceId());
        assertTrue(sent.traceparent().endsWith("-00"), "export is off: nothing sampled (" + sent.traceparent() + ")");
    }

    @Test
    void aConsumerContinuesTheRecordsTraceAndCarriesItOn() {
        String subject = TestEventHandler.FOLLOWED_UP + UUID.randomUUID();
        String producerSpan = "b7ad6b7169203331";
        try (EventWriter writer = new EventWriter("/ecoplan/events-test-producer", 0)) {
            writer.sendJson(UUID.randomUUID(), TestEventHandler.TOPIC, "value", subject, TestEventHandler.TYPE,
                    "{\"subject\": \"" + subject + "\", \"value\": 1}",
                    Map.of("traceparent", "00-" + TRACE_ID + "-" + producerSpan + "-00"));
        }

        await().atMost(WITHIN).until(() -> TestEventHandler.SPANS.containsKey(subject));
        SpanContext handling = TestEventHandler.SPANS.get(subject);
        assertEquals(TRACE_ID, handling.getTraceId(), "the consumer span belongs to the record's trace");
        assertNotEquals(producerSpan, handling.getSpanId(), "as a child, with a span of its own");

        ConsumerRecord<String, String> followUp = EventReader.awaitRecord(FOLLOW_UP_TOPIC, r -> subject.equals(r.key()), WITHIN);
        assertEquals(TRACE_ID, TraceContext.from(followUp.headers()).map(TraceContext::traceId).orElse(null),
                "the event recorded while handling it carries the trace on");
        assertEquals(TRACE_ID, storedTrace(subject).traceId());
        assertEquals(handling.getSpanId(), storedTrace(subject).spanContext().getSpanId(),
                "the follow-up's parent is the consumer span");
    }

    @Test
    void aRecordWithoutTraceStartsOne() {
        String subject = "untraced-" + UUID.randomUUID();
        try (EventWriter writer = new EventWriter("/ecoplan/events-test-producer", 0)) {
            writer.send(TestEventHandler.TOPIC, "value", subject, TestEventHandler.TYPE,
                    new TestEventHandler.ValueRecorded(subject, BigDecimal.ONE));
        }
        await().atMost(WITHIN).until(() -> TestEventHandler.SPANS.containsKey(subject));
        assertTrue(TestEventHandler.SPANS.get(subject).isValid());
    }

    private int post(String key, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/test/events/" + key))
                .POST(HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private TraceContext storedTrace(String key) {
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement(
                "select traceparent, tracestate from event_outbox where aggregate_id = ?")) {
            query.setString(1, key);
            try (var result = query.executeQuery()) {
                assertTrue(result.next(), "an outbox row for " + key);
                return new TraceContext(result.getString(1), result.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
