package org.ecoplan.catalogue.replica;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.ecoplan.events.CloudEventHeaders;
import org.ecoplan.events.IncomingEvent;
import org.ecoplan.events.MalformedEventException;
import org.ecoplan.events.ProcessedEvents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;

/**
 * Keeps {@link CatalogueReplica} up to date from the compacted topic {@code ecoplan.plan}: every
 * record holds an entity's full current state (or a tombstone), so reading the topic from the
 * start rebuilds the whole catalogue.
 */
@ApplicationScoped
public class CatalogueEventHandler {

    /** Name under which this handler remembers processed events. */
    static final String CONSUMER = "catalogue-replica";

    private final CatalogueReplica replica;
    private final ProcessedEvents processedEvents;
    private final ObjectMapper mapper;
    private final Event<CatalogueEntityChanged> changed;

    CatalogueEventHandler(CatalogueReplica replica, ProcessedEvents processedEvents, ObjectMapper mapper,
            Event<CatalogueEntityChanged> changed) {
        this.replica = replica;
        this.processedEvents = processedEvents;
        this.mapper = mapper;
        this.changed = changed;
    }

    // Blocking: it writes to PostgreSQL through JDBC, which must not run on the Kafka event loop.
    // Transactional: the de-duplication record and the replica change commit together, or neither
    // does and the record is delivered again.
    @Incoming("catalogue")
    @Blocking
    @Transactional
    public void handle(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        if (!processedEvents.firstDelivery(CONSUMER, event.id())) {
            Log.debugf("Skipped event %s (%s): already processed", event.id(), event.type());
            return;
        }
        String aggregateType = CloudEventHeaders.read(record.headers(), CloudEventHeaders.AGGREGATE_TYPE)
                .orElseThrow(() -> new MalformedEventException("Catalogue event %s (%s) lacks the header %s"
                        .formatted(event.id(), event.type(), CloudEventHeaders.AGGREGATE_TYPE)));
        String entityId = entityId(event);
        if (event.isTombstone()) {
            boolean removed = replica.remove(aggregateType, entityId);
            Log.debugf("Catalogue %s %s removed (%s, event %s)", aggregateType, entityId, removed ? "was present" : "was unknown", event.id());
            if (removed) {
                changed.fire(new CatalogueEntityChanged(aggregateType, entityId, 0, true));
            }
            return;
        }
        long revision = revision(event);
        boolean stored = replica.storeIfNewer(aggregateType, entityId, revision, event.data(), event.id());
        if (stored) {
            Log.debugf("Catalogue %s %s now at revision %d (event %s)", aggregateType, entityId, revision, event.id());
            changed.fire(new CatalogueEntityChanged(aggregateType, entityId, revision, false));
        } else {
            Log.debugf("Ignored %s for %s %s: revision %d is not newer than the stored one", event.type(), aggregateType, entityId, revision);
        }
    }

    /** The Kafka key: compaction works on it, so it is the identity that matters. */
    private static String entityId(IncomingEvent event) {
        if (event.key() == null || event.key().isBlank()) {
            throw new MalformedEventException("Catalogue event %s (%s) has no key".formatted(event.id(), event.type()));
        }
        return event.key();
    }

    private long revision(IncomingEvent event) {
        JsonNode revision;
        try {
            revision = mapper.readTree(event.data()).path("revision");
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("Catalogue event %s (%s) is not JSON".formatted(event.id(), event.type()), e);
        }
        if (!revision.canConvertToLong()) {
            throw new MalformedEventException("Catalogue event %s (%s) has no numeric revision".formatted(event.id(), event.type()));
        }
        return revision.asLong();
    }
}
