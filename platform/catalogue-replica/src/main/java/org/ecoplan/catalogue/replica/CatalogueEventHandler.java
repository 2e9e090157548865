package org.ecoplan.catalogue.replica;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.contract.CatalogueState;
import org.ecoplan.events.EventJson;
import org.ecoplan.events.IncomingEvent;
import org.ecoplan.events.MalformedEventException;
import org.ecoplan.events.consumer.DeadLetterService;
import org.ecoplan.events.consumer.EventConsumer;
import org.ecoplan.events.consumer.EventConsumption;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;

/**
 * Keeps {@link CatalogueReplica} up to date from the compacted topic {@code ecoplan.plan}: every
 * record holds an entity's full current state (or a tombstone), so reading the topic from the
 * start rebuilds the whole catalogue. A state no consumer could store or judge (unreadable, a deadline in
 * 2027 BC) is dead-lettered before anything derives from it; since every record is the entity's full state, the
 * next correct revision of that entity repairs the replica and marks the letter superseded.
 */
@ApplicationScoped
public class CatalogueEventHandler implements EventConsumer {

    /** Name under which this handler remembers processed events and keeps its dead letters. */
    static final String CONSUMER = "catalogue-replica";

    private final EventConsumption consumption;
    private final CatalogueReplica replica;
    private final DeadLetterService deadLetters;
    private final EventJson json;
    private final Event<CatalogueEntityChanged> changed;

    CatalogueEventHandler(EventConsumption consumption, CatalogueReplica replica, DeadLetterService deadLetters,
            EventJson json, Event<CatalogueEntityChanged> changed) {
        this.consumption = consumption;
        this.replica = replica;
        this.deadLetters = deadLetters;
        this.json = json;
        this.changed = changed;
    }

    // Blocking: it writes to PostgreSQL through JDBC, which must not run on the Kafka event loop. Not
    // @Transactional: EventConsumption applies each attempt in a transaction of its own, with the
    // de-duplication record, and decides what a failure means.
    @Incoming("catalogue")
    @Blocking
    public void handle(ConsumerRecord<String, String> record) {
        consumption.consume(this, record);
    }

    @Override
    public String consumerName() {
        return CONSUMER;
    }

    /** Every catalogue type of this version, and every tombstone (a removal, whatever its type says). */
    @Override
    public boolean understands(IncomingEvent event) {
        return event.isTombstone() || CatalogueEvents.forEventType(event.type()).isPresent();
    }

    @Override
    public void apply(IncomingEvent event) {
        String aggregateType = Optional.ofNullable(event.aggregateType()).filter(type -> !type.isBlank())
                .orElseThrow(() -> new MalformedEventException("Catalogue event %s (%s) lacks the header ce_aggregatetype"
                        .formatted(event.id(), event.type())));
        String entityId = entityId(event);
        if (event.isTombstone()) {
            boolean removed = replica.remove(aggregateType, entityId);
            Log.debugf("Catalogue %s %s removed (%s, event %s)", aggregateType, entityId, removed ? "was present" : "was unknown", event.id());
            deadLetters.supersedeEarlier(CONSUMER, event, "entity removed by event " + event.id());
            if (removed) {
                changed.fire(new CatalogueEntityChanged(aggregateType, entityId, 0, true));
            }
            return;
        }
        checkState(event);
        long revision = revision(event);
        boolean stored = replica.storeIfNewer(aggregateType, entityId, revision, event.data(), event.id());
        if (stored) {
            Log.debugf("Catalogue %s %s now at revision %d (event %s)", aggregateType, entityId, revision, event.id());
            deadLetters.supersedeEarlier(CONSUMER, event, "revision " + revision + " applied from event " + event.id());
            changed.fire(new CatalogueEntityChanged(aggregateType, entityId, revision, false));
        } else {
            Log.debugf("Ignored %s for %s %s: revision %d is not newer than the stored one", event.type(), aggregateType, entityId, revision);
        }
    }

    /** The state must read as the contract's record and pass its rules, or no consumer of the replica could use it. */
    private void checkState(IncomingEvent event) {
        CatalogueEvents kind = CatalogueEvents.forEventType(event.type()).orElseThrow();
        CatalogueState state = json.read(event, kind.stateType());
        state.problem().ifPresent(problem -> {
            throw new MalformedEventException("Catalogue event %s (%s) of %s %s: %s".formatted(event.id(), event.type(),
                    kind.aggregateType(), event.key(), problem));
        });
    }

    /** The Kafka key: compaction works on it, so it is the identity that matters. */
    private static String entityId(IncomingEvent event) {
        if (event.key() == null || event.key().isBlank()) {
            throw new MalformedEventException("Catalogue event %s (%s) has no key".formatted(event.id(), event.type()));
        }
        return event.key();
    }

    private long revision(IncomingEvent event) {
        JsonNode revision = json.tree(event).path("revision");
        if (!revision.canConvertToLong()) {
            throw new MalformedEventException("Catalogue event %s (%s) has no numeric revision".formatted(event.id(), event.type()));
        }
        return revision.asLong();
    }
}
