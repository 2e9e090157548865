package org.ecoplan.events.relay;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.ecoplan.events.tracing.TraceContext;

/**
 * An outbox row the relay has yet to publish. {@code payload} is JSON text, {@code null} for a tombstone;
 * {@code trace} the context current when the event was recorded, if there was one.
 */
record WaitingEvent(long position, UUID id, String topic, String aggregateType, String aggregateId, String type,
        String payload, Instant occurredAt, Optional<TraceContext> trace) {
}
