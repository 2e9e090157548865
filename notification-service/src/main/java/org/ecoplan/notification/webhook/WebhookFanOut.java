package org.ecoplan.notification.webhook;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.ecoplan.events.tracing.TraceContext;
import org.ecoplan.web.clock.BusinessClock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns events into deliveries for the matching enabled subscriptions, in the transaction that handles the
 * event, so that an event is delivered at least once if and only if it was handled. The body is fixed here
 * (Standard Webhooks shape: {@code type}, {@code timestamp}, {@code data}) and signed at each attempt. The trace
 * context current here (the consumer's span, child of the event's producer) is kept with the delivery and sent with
 * each attempt as {@code traceparent}.
 */
@ApplicationScoped
public class WebhookFanOut {

    private static final String INSERT = """
            insert into webhook_delivery (id, subscription_id, event_id, event_type, body, status, attempts,
                                          next_attempt_at, created_at, traceparent, tracestate)
            values (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?, ?)
            on conflict (subscription_id, event_id) do nothing""";

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final BusinessClock clock;
    private final SubscriptionFilters filters;

    WebhookFanOut(DataSource dataSource, ObjectMapper mapper, BusinessClock clock, SubscriptionFilters filters) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.clock = clock;
        this.filters = filters;
    }

    @Transactional(TxType.MANDATORY)
    public int enqueue(List<WebhookEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        List<WebhookSubscription> subscriptions = WebhookSubscription.list("enabled", true);
        if (subscriptions.isEmpty()) {
            return 0;
        }
        Instant now = clock.now();
        TraceContext trace = TraceContext.current().orElse(null);
        // A group filter stands for the group's members as the catalogue names them now: read once per call.
        Map<String, Set<String>> filterDepartments = new HashMap<>();
        int queued = 0;
        try (var connection = dataSource.getConnection(); var insert = connection.prepareStatement(INSERT)) {
            for (WebhookEvent event : events) {
                String body = null;
                for (WebhookSubscription subscription : subscriptions) {
                    Set<String> departments = subscription.departmentCode == null ? Set.of()
                            : filterDepartments.computeIfAbsent(subscription.departmentCode, filters::departmentsOf);
                    if (!subscription.wants(event, departments)) {
                        continue;
                    }
                    body = body != null ? body : body(event, now);
                    insert.setObject(1, UUID.randomUUID());
                    insert.setObject(2, subscription.id);
                    insert.setObject(3, event.eventId());
                    insert.setString(4, event.eventType());
                    insert.setString(5, body);
                    insert.setTimestamp(6, Timestamp.from(now));
                    insert.setTimestamp(7, Timestamp.from(now));
                    insert.setString(8, trace == null ? null : trace.traceparent());
                    insert.setString(9, trace == null ? null : trace.tracestate());
                    insert.addBatch();
                    queued++;
                }
            }
            if (queued > 0) {
                insert.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot queue webhook deliveries", e);
        }
        return queued;
    }

    private String body(WebhookEvent event, Instant now) {
        try {
            return mapper.writeValueAsString(new Body(event.eventType(), now.toString(), event.eventId(), event.data()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + event.eventType() + " " + event.eventId() + " as JSON", e);
        }
    }

    /** What a receiver gets. */
    record Body(String type, String timestamp, UUID eventId, Object data) {
    }
}
