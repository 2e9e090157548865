package org.ecoplan.events.consumer;

import java.util.List;

import org.ecoplan.events.IncomingEvent;

/**
 * A handler that can apply the records of one poll together ({@link EventConsumption#consumeBatch}): one transaction
 * for all of them — one de-duplication insert, the handler's batched apply, its outgoing events — instead of one per
 * record. It still is an {@link EventConsumer}: a batch that fails for a reason that will not pass goes one record
 * at a time through {@link #apply(IncomingEvent)}, which dead-letters the bad record and applies the others, and an
 * administrator's retry of a dead letter uses it too. Both must therefore leave the same state behind.
 */
public interface BatchEventConsumer extends EventConsumer {

    /**
     * Applies the events, in the order the poll handed them over (per partition, so per key, in topic order), in the
     * transaction that also records them as processed. Only events this consumer {@link #understands} and has not
     * handled before come here. Throw as {@link #apply(IncomingEvent)} does: a {@link RetryLaterException} makes the
     * whole batch wait, a permanent failure makes it go one record at a time.
     */
    void applyAll(List<IncomingEvent> events);
}
