package org.ecoplan.events.consumer;

import org.ecoplan.events.IncomingEvent;
import org.ecoplan.events.MalformedEventException;

/**
 * A handler of one Kafka channel. Its {@code @Incoming} method hands every record to
 * {@link EventConsumption#consume(EventConsumer, org.apache.kafka.clients.consumer.ConsumerRecord)}, which reads
 * the event, skips repeats, applies it in a transaction and decides what a failure means. Implemented by an
 * {@code @ApplicationScoped} bean, so that an administrator's retry of a dead letter finds it by name.
 */
public interface EventConsumer {

    /**
     * The name under which processed event ids, dead letters, health and metrics are kept, e.g.
     * {@code progress-rollups}; unique in the service, at most 100 characters, never renamed (processed ids are
     * remembered under it).
     */
    String consumerName();

    /**
     * Whether this version understands the event: its type (and version), or a tombstone where one means something.
     * An event it does not understand, e.g. {@code progress.report-approved.v2} from a newer producer, is skipped
     * and counted, not dead-lettered: it is not broken, it is not for this version.
     */
    boolean understands(IncomingEvent event);

    /**
     * Applies the event, in the transaction that also records it as processed. Throw
     * {@link MalformedEventException} (or let a database error escape) for content that can never be applied: the
     * record is dead-lettered and the consumer goes on. Throw {@link RetryLaterException} when something the
     * handler needs is busy for a while.
     */
    void apply(IncomingEvent event);
}
