package org.ecoplan.events;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Consumer-side de-duplication. Delivery is at-least-once (the relay may resend after a failure,
 * Kafka may redeliver after a rebalance), so a consumer asks here first, inside the transaction
 * that handles the event: the id is remembered only if the handling commits.
 */
@ApplicationScoped
public class ProcessedEvents {

    private static final String REMEMBER = """
            insert into processed_event (consumer, event_id) values (?, ?)
            on conflict (consumer, event_id) do nothing""";

    private static final String FORGET_BEFORE = "delete from processed_event where processed_at < ?";

    private final DataSource dataSource;
    private final EventsConfig config;

    ProcessedEvents(DataSource dataSource, EventsConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /**
     * @param consumer name of the handler, so that two handlers of one service can each see an event once
     * @return {@code false} if this consumer already handled the event: skip it
     */
    @Transactional(TxType.MANDATORY)
    public boolean firstDelivery(String consumer, UUID eventId) {
        // The pool hands out the connection enlisted in the caller's transaction.
        try (var connection = dataSource.getConnection();
             var statement = connection.prepareStatement(REMEMBER)) {
            statement.setString(1, consumer);
            statement.setObject(2, eventId);
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record event " + eventId + " as processed by " + consumer, e);
        }
    }

    /**
     * The event in {@code record} if this consumer has not handled it yet, for consumers of event streams: a
     * record that is not a readable CloudEvent can never be applied, so it is logged and skipped rather than
     * stopping every later event behind it (the catalogue replica, a state topic, decides otherwise).
     *
     * @return empty for an unreadable record or an event this consumer already handled
     */
    @Transactional(TxType.MANDATORY)
    public Optional<IncomingEvent> firstDeliveryOf(String consumer, ConsumerRecord<String, String> record) {
        IncomingEvent event;
        try {
            event = IncomingEvent.from(record);
        } catch (MalformedEventException e) {
            Log.errorf("%s skipped unreadable record %s-%d@%d: %s", consumer, record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return Optional.empty();
        }
        if (!firstDelivery(consumer, event.id())) {
            Log.debugf("%s skipped event %s (%s): already processed", consumer, event.id(), event.type());
            return Optional.empty();
        }
        return Optional.of(event);
    }

    /** Redeliveries come within minutes or days; ids older than the retention only take space. */
    @Scheduled(every = "${ecoplan.events.cleanup-interval:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOldEvents() {
        try (var connection = dataSource.getConnection();
             var statement = connection.prepareStatement(FORGET_BEFORE)) {
            statement.setTimestamp(1, Timestamp.from(Instant.now().minus(config.processedRetention())));
            int forgotten = statement.executeUpdate();
            if (forgotten > 0) {
                Log.debugf("Forgot %d processed event ids older than %s", forgotten, config.processedRetention());
            }
        } catch (SQLException e) {
            Log.warnf("Cannot delete old processed event ids: %s", e.getMessage());
        }
    }
}
