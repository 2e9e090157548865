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
import org.ecoplan.events.IncomingEvent;
import org.ecoplan.events.MalformedEventException;

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

    private final EventConsumption consumption;
    private final EventJson json;
    private final DataSource dataSource;

    TestEventHandler(EventConsumption consumption, EventJson json, DataSource dataSource) {
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
