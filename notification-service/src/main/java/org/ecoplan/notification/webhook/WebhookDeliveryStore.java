package org.ecoplan.notification.webhook;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.ecoplan.events.tracing.TraceContext;

/**
 * The webhook deliveries' queue, in the caller's transaction. Plain SQL because an event reaches a subscription once by
 * the insert itself (ON CONFLICT DO NOTHING on subscription and event, in one batch) and a batch is claimed under
 * {@code FOR UPDATE SKIP LOCKED} with a lease, so that parallel dispatchers never take the same delivery. The outcome
 * of an attempt is recorded through the entities ({@link WebhookDelivery}, {@link WebhookAttempt}).
 */
@ApplicationScoped
class WebhookDeliveryStore {

    private static final String INSERT = """
            insert into webhook_delivery (id, subscription_id, event_id, event_type, body, status, attempts,
                                          next_attempt_at, created_at, traceparent, tracestate)
            values (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?, ?)
            on conflict (subscription_id, event_id) do nothing""";
    private static final String CLAIM = """
            update webhook_delivery set next_attempt_at = ?
            where id in (select d.id from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id
                         where d.status = 'PENDING' and d.next_attempt_at <= ? and s.enabled
                         order by d.next_attempt_at limit ? for update of d skip locked)
            returning id, subscription_id, body, attempts, traceparent, tracestate""";

    private final DataSource dataSource;

    WebhookDeliveryStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Queues the deliveries, due at once, each unless its subscription has the event already.
     *
     * @param trace the context they were queued in, sent with each attempt; null if none
     */
    @Transactional(TxType.MANDATORY)
    void queue(List<NewDelivery> deliveries, Instant now, TraceContext trace) {
        if (deliveries.isEmpty()) {
            return;
        }
        try (var connection = dataSource.getConnection(); var insert = connection.prepareStatement(INSERT)) {
            for (NewDelivery delivery : deliveries) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, delivery.subscriptionId());
                insert.setObject(3, delivery.eventId());
                insert.setString(4, delivery.eventType());
                insert.setString(5, delivery.body());
                insert.setTimestamp(6, Timestamp.from(now));
                insert.setTimestamp(7, Timestamp.from(now));
                insert.setString(8, trace == null ? null : trace.traceparent());
                insert.setString(9, trace == null ? null : trace.tracestate());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot queue webhook deliveries", e);
        }
    }

    /** Claims up to {@code limit} due deliveries of enabled subscriptions, pushing their next attempt out by {@code lease}. */
    @Transactional(TxType.MANDATORY)
    List<Claimed> claimDue(Instant now, Duration lease, int limit) {
        List<Claimed> claimed = new ArrayList<>();
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(CLAIM)) {
            statement.setTimestamp(1, Timestamp.from(now.plus(lease)));
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setInt(3, limit);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    String traceparent = rows.getString(5);
                    claimed.add(new Claimed(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                            rows.getString(3), rows.getInt(4), traceparent == null ? Optional.empty()
                                    : Optional.of(new TraceContext(traceparent, rows.getString(6)))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot claim webhook deliveries", e);
        }
        return claimed;
    }

    /** One event for one subscription, its body fixed. */
    record NewDelivery(UUID subscriptionId, UUID eventId, String eventType, String body) {
    }

    /** @param trace the context the delivery was queued in, if any */
    record Claimed(UUID id, UUID subscriptionId, String body, int attempts, Optional<TraceContext> trace) {
    }
}
