package org.ecoplan.events;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.ecoplan.events.tracing.TraceContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Records events in the caller's transaction, so that they exist if and only if the state change
 * they describe commits. {@link org.ecoplan.events.relay.OutboxRelay} publishes them afterwards.
 * Each row keeps the trace context current when it was recorded (the HTTP request's, or the consumer's that
 * handled the event it follows from), which the relay sends on as {@code traceparent}.
 */
@ApplicationScoped
public class EventOutbox {

    private static final String INSERT = """
            insert into event_outbox (event_id, topic, aggregate_type, aggregate_id, event_type, payload, occurred_at,
                                      traceparent, tracestate)
            values (?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?)""";

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final Event<OutboxEventsRecorded> recorded;

    EventOutbox(DataSource dataSource, ObjectMapper mapper, Event<OutboxEventsRecorded> recorded) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.recorded = recorded;
    }

    /** @return the event's id, which consumers see as the CloudEvents {@code id} */
    @Transactional(TxType.MANDATORY)
    public UUID record(OutgoingEvent event) {
        return recordAll(List.of(event)).get(0);
    }

    /** One JDBC batch for all events, e.g. the hundreds of an import; ids in the order given. */
    @Transactional(TxType.MANDATORY)
    public List<UUID> recordAll(List<OutgoingEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        var ids = new ArrayList<UUID>(events.size());
        var occurredAt = Timestamp.from(Instant.now());
        TraceContext trace = TraceContext.current().orElse(null);
        // The pool hands out the connection enlisted in the caller's transaction.
        try (var connection = dataSource.getConnection();
             var insert = connection.prepareStatement(INSERT)) {
            for (OutgoingEvent event : events) {
                UUID id = UUID.randomUUID();
                insert.setObject(1, id);
                insert.setString(2, event.topic());
                insert.setString(3, event.aggregateType());
                insert.setString(4, event.aggregateId());
                insert.setString(5, event.type());
                if (event.isTombstone()) {
                    insert.setNull(6, Types.VARCHAR);
                } else {
                    insert.setString(6, json(event));
                }
                insert.setTimestamp(7, occurredAt);
                insert.setString(8, trace == null ? null : trace.traceparent());
                insert.setString(9, trace == null ? null : trace.tracestate());
                insert.addBatch();
                ids.add(id);
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record " + events.size() + " event(s) in the outbox", e);
        }
        // Observed after the commit only: wakes the relay without waiting for its next poll, and counts the events.
        recorded.fire(new OutboxEventsRecorded(events.stream().map(OutgoingEvent::type).toList()));
        return ids;
    }

    private String json(OutgoingEvent event) {
        try {
            return mapper.writeValueAsString(event.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "Payload of %s for %s %s cannot be written as JSON".formatted(event.type(), event.aggregateType(), event.aggregateId()), e);
        }
    }

    /**
     * Fired inside the recording transaction; transactional observers see it once it commits.
     *
     * @param types the type of each event recorded, e.g. {@code progress.report-submitted.v1}
     */
    public record OutboxEventsRecorded(List<String> types) {

        public int count() {
            return types.size();
        }
    }
}
