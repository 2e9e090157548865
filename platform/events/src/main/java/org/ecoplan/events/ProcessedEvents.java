package org.ecoplan.events;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Consumer-side de-duplication. Delivery is at-least-once (the relay may resend after a failure,
 * Kafka may redeliver after a rebalance), so {@link org.ecoplan.events.consumer.EventConsumption} asks here first,
 * inside the transaction that handles the event: the id is remembered only if the handling commits.
 */
@ApplicationScoped
public class ProcessedEvents {

    private static final String REMEMBER = """
            insert into processed_event (consumer, event_id) values (?, ?)
            on conflict (consumer, event_id) do nothing""";

    /**
     * A batch's ids in one statement, in ascending order: two consumers (a rebalance hands a partition over while the
     * old owner still commits) that insert overlapping ids always wait for each other in the same order, never in a
     * circle.
     */
    private static final String REMEMBER_ALL = """
            insert into processed_event (consumer, event_id)
            select ?, id from unnest(cast(? as uuid[])) as ids(id) order by id
            on conflict (consumer, event_id) do nothing
            returning event_id""";

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
     * {@link #firstDelivery} of many events in one statement.
     *
     * @return the ids this consumer had not handled before (each once, however often it is given)
     */
    @Transactional(TxType.MANDATORY)
    public Set<UUID> firstDeliveries(String consumer, Collection<UUID> eventIds) {
        Set<UUID> first = new HashSet<>();
        if (eventIds.isEmpty()) {
            return first;
        }
        try (var connection = dataSource.getConnection();
             var statement = connection.prepareStatement(REMEMBER_ALL)) {
            statement.setString(1, consumer);
            statement.setArray(2, connection.createArrayOf("uuid", new TreeSet<>(eventIds).toArray()));
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    first.add(rows.getObject(1, UUID.class));
                }
            }
            return first;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record " + eventIds.size() + " events as processed by " + consumer, e);
        }
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
