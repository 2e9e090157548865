package org.ecoplan.events.consumer;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.ecoplan.events.EventJson;
import org.ecoplan.events.IncomingEvent;
import org.ecoplan.events.MalformedEventException;

import io.smallrye.common.annotation.Blocking;

/**
 * A consumer that takes a poll's records together ({@code batch=true}), as indicator-service's roll-up consumer does:
 * it stores each value in {@code test_applied_event} like {@link TestEventHandler}, one at a time and in a batch alike,
 * and notes the database transaction each event was applied in.
 */
@ApplicationScoped
public class TestBatchEventHandler implements BatchEventConsumer {

    static final String CONSUMER = "events-batch-test";
    static final String TOPIC = "ecoplan.events-batch-test";

    /** The transaction (txid_current()) each event was applied in, batch or one at a time. */
    static final Map<UUID, Long> TRANSACTIONS = new ConcurrentHashMap<>();

    private final EventConsumption consumption;
    private final EventJson json;
    private final DataSource dataSource;

    TestBatchEventHandler(EventConsumption consumption, EventJson json, DataSource dataSource) {
        this.consumption = consumption;
        this.json = json;
        this.dataSource = dataSource;
    }

    // Blocking, not @Transactional, as for one record; the channel has batch=true.
    @Incoming("test-batch-events")
    @Blocking
    public void handle(ConsumerRecords<String, String> records) {
        consumption.consumeBatch(this, EventConsumption.inOrder(records));
    }

    @Override
    public String consumerName() {
        return CONSUMER;
    }

    @Override
    public boolean understands(IncomingEvent event) {
        return TestEventHandler.TYPE.equals(event.type());
    }

    @Override
    public void apply(IncomingEvent event) {
        applyAll(List.of(event));
    }

    @Override
    public void applyAll(List<IncomingEvent> events) {
        try (var connection = dataSource.getConnection();
             var txid = connection.prepareStatement("select txid_current()");
             var insert = connection.prepareStatement("insert into test_applied_event (event_id, subject, value) values (?, ?, ?)")) {
            long transaction;
            try (var row = txid.executeQuery()) {
                row.next();
                transaction = row.getLong(1);
            }
            for (IncomingEvent event : events) {
                TestEventHandler.ValueRecorded value = json.read(event, TestEventHandler.ValueRecorded.class);
                if (value == null || value.subject() == null) {
                    throw new MalformedEventException("Event " + event.id() + " names no subject");
                }
                if (TestEventHandler.WAITING.contains(value.subject())) {
                    throw new RetryLaterException("subject " + value.subject() + " waits");
                }
                if (TestEventHandler.REFUSED.contains(value.subject())) {
                    throw new IllegalStateException("the handler cannot deal with subject " + value.subject() + " yet");
                }
                insert.setObject(1, event.id());
                insert.setString(2, value.subject());
                insert.setBigDecimal(3, value.value());
                insert.addBatch();
            }
            insert.executeBatch();
            // Noted only once the statements went through; a batch rolled back later is overwritten by the retry.
            events.forEach(event -> TRANSACTIONS.put(event.id(), transaction));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store " + events.size() + " events: " + e.getMessage(), e);
        }
    }
}
