package org.ecoplan.events.relay;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.ecoplan.events.tracing.TraceContext;

import jakarta.enterprise.context.ApplicationScoped;

/** The relay's SQL on the outbox table, on connections whose transactions the relay controls. */
@ApplicationScoped
class OutboxStore {

    /**
     * Held until the relay's transaction ends, so that of several replicas of a service only one
     * publishes at a time and the order per aggregate survives.
     */
    private static final String TRY_RELAY_LOCK = "select pg_try_advisory_xact_lock(hashtext('ecoplan.events.outbox-relay'))";

    private static final String WAITING = """
            select position, event_id, topic, aggregate_type, aggregate_id, event_type, payload::text, occurred_at,
                   traceparent, tracestate
            from event_outbox where published_at is null order by position limit ?""";

    private static final String MARK_PUBLISHED = "update event_outbox set published_at = now() where position = any (?)";

    private static final String BACKLOG = "select count(*), min(occurred_at) from event_outbox where published_at is null";

    private static final String DELETE_PUBLISHED_BEFORE = "delete from event_outbox where published_at < ?";

    private final DataSource dataSource;

    OutboxStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Connection openTransaction() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        return connection;
    }

    boolean tryRelayLock(Connection connection) throws SQLException {
        try (var statement = connection.prepareStatement(TRY_RELAY_LOCK); var result = statement.executeQuery()) {
            result.next();
            return result.getBoolean(1);
        }
    }

    List<WaitingEvent> waiting(Connection connection, int limit) throws SQLException {
        try (var statement = connection.prepareStatement(WAITING)) {
            statement.setInt(1, limit);
            try (var result = statement.executeQuery()) {
                var events = new ArrayList<WaitingEvent>();
                while (result.next()) {
                    String traceparent = result.getString(9);
                    Optional<TraceContext> trace = traceparent == null ? Optional.empty()
                            : Optional.of(new TraceContext(traceparent, result.getString(10)));
                    events.add(new WaitingEvent(
                            result.getLong(1),
                            result.getObject(2, UUID.class),
                            result.getString(3),
                            result.getString(4),
                            result.getString(5),
                            result.getString(6),
                            result.getString(7),
                            result.getTimestamp(8).toInstant(),
                            trace));
                }
                return events;
            }
        }
    }

    void markPublished(Connection connection, List<WaitingEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        Long[] positions = events.stream().map(WaitingEvent::position).toArray(Long[]::new);
        try (var statement = connection.prepareStatement(MARK_PUBLISHED)) {
            statement.setArray(1, connection.createArrayOf("bigint", positions));
            statement.executeUpdate();
        }
    }

    OutboxBacklog backlog() {
        try (var connection = dataSource.getConnection();
             var statement = connection.prepareStatement(BACKLOG);
             var result = statement.executeQuery()) {
            result.next();
            Timestamp oldest = result.getTimestamp(2);
            return new OutboxBacklog(result.getLong(1), Optional.ofNullable(oldest).map(Timestamp::toInstant));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the outbox backlog", e);
        }
    }

    int deletePublishedBefore(Instant cutoff) {
        try (var connection = dataSource.getConnection();
             var statement = connection.prepareStatement(DELETE_PUBLISHED_BEFORE)) {
            statement.setTimestamp(1, Timestamp.from(cutoff));
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot delete published events from the outbox", e);
        }
    }
}
