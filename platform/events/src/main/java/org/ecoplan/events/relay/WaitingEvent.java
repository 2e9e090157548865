package org.ecoplan.events.relay;

import java.time.Instant;
import java.util.UUID;

/** An outbox row the relay has yet to publish. {@code payload} is JSON text, {@code null} for a tombstone. */
record WaitingEvent(long position, UUID id, String topic, String aggregateType, String aggregateId, String type,
        String payload, Instant occurredAt) {
}
