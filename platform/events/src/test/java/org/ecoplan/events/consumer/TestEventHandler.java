package org.ecoplan.events.consumer;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.ecoplan.events.EventJson;
import org.ecoplan.events.EventOutbox;
import org.ecoplan.events.OutgoingEvent;
import org.ecoplan.events.IncomingEvent;
import org.ecoplan.events.MalformedEventException;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.smallrye.common.annotation.Blocking;

/**
 * A consumer as the services write theirs: it stores each value it receives in {@code test_applied_event}
 * (numeric(20, 6), like indicator-service's observations).
 */
@ApplicationScoped
public class TestEventHandler implements EventConsumer {

    static final String CONSUMER = "events-test";
    static final String TOPIC = "ecoplan.events-consumer-test";
    static final String TYPE = "test.value-recorded.v1";

    /** Subjects whose records the handler refuses, as a bug would, until a test lets them through. */
    static final Set<String> REFUSED = ConcurrentHashMap.newKeySet();
    /** Prefix of subjects whose handling records a follow-up event on {@link #FOLLOW_UP_TOPIC}, as services do. */
    static final String FOLLOWED_UP = "follow-up-";
    static final String FOLLOW_UP_TOPIC = "ecoplan.events-test";
    /** Subjects whose records wait (the handler says "busy") until a test lets them through. */
    static final Set<String> WAITING = ConcurrentHashMap.newKeySet();
    /** The span current while each subject's record was applied. */
    static final Map<String, SpanContext> SPANS = new ConcurrentHashMap<>();

    private final EventConsumption consumption;
    private final EventJson json;
    private final DataSource dataSource;
    private final EventOutbox outbox;

    TestEventHandler(EventConsumption consumption, EventJson json, DataSource dataSource, EventOutbox outbox) {
        this.outbox = outbox;
        this.consumption = consumption;
        this.json = json;
        this.dataSource = dataSource;
    }

    /** The payload; producers may add fields, which this version ignores. */
    public record ValueRecorded(String subject, BigDecimal value) {
    }

    // Blocking: JDBC must not run on the Kafka event loop. Not @Transactional: every attempt has its own transaction.
    @Incoming("test-events")
    @Blocking
    public void handle(ConsumerRecord<String, String> record) {
        consumption.consume(this, record);
    }

    @Override
    public String consumerName() {
        return CONSUMER;
    }

    @Override
    public boolean understands(IncomingEvent event) {
        return TYPE.equals(event.type());
    }

    @Override
    public void apply(IncomingEvent event) {
        ValueRecorded value = json.read(event, ValueRecorded.class);
        if (value == null || value.subject() == null) {
            throw new MalformedEventException("Event " + event.id() + " names no subject");
        }
        if (WAITING.contains(value.subject())) {
            throw new RetryLaterException("subject " + value.subject() + " waits");
        }
        if (REFUSED.contains(value.subject())) {
            throw new IllegalStateException("the handler cannot deal with subject " + value.subject() + " yet");
        }
        try (var connection = dataSource.getConnection(); var insert = connection.prepareStatement(
                "insert into test_applied_event (event_id, subject, value) values (?, ?, ?)")) {
            insert.setObject(1, event.id());
            insert.setString(2, value.subject());
            insert.setBigDecimal(3, value.value());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store event " + event.id() + ": " + e.getMessage(), e);
        }
        SPANS.put(value.subject(), Span.current().getSpanContext());
        if (value.subject().startsWith(FOLLOWED_UP)) {
            outbox.record(new OutgoingEvent(FOLLOW_UP_TOPIC, "value", value.subject(), "test.value-followed-up.v1",
                    Map.of("subject", value.subject())));
        }
    }

    /** How often each event of a subject was applied: every entry must be 1. */
    static Map<UUID, Integer> applied(DataSource dataSource, String subject) {
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement(
                "select event_id, count(*) from test_applied_event where subject = ? group by event_id")) {
            query.setString(1, subject);
            var applied = new HashMap<UUID, Integer>();
            try (var result = query.executeQuery()) {
                while (result.next()) {
                    applied.put(result.getObject(1, UUID.class), result.getInt(2));
                }
            }
            return applied;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
