package org.ecoplan.plan.catalogue.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.contract.CatalogueState;
import org.ecoplan.events.EventOutbox;
import org.ecoplan.events.OutgoingEvent;

/**
 * Records catalogue states in the outbox, inside the caller's transaction: the change and its event commit
 * together or not at all. Keyed by entity id on the compacted catalogue topic.
 */
@ApplicationScoped
public class CataloguePublisher {

    private final EventOutbox outbox;

    CataloguePublisher(EventOutbox outbox) {
        this.outbox = outbox;
    }

    public void publish(List<? extends CatalogueState> states) {
        if (states.isEmpty()) {
            return;
        }
        outbox.recordAll(states.stream().map(CataloguePublisher::event).toList());
    }

    public void publish(CatalogueState state) {
        outbox.record(event(state));
    }

    private static OutgoingEvent event(CatalogueState state) {
        CatalogueEvents kind = CatalogueEvents.forState(state);
        return new OutgoingEvent(CatalogueEvents.TOPIC, kind.aggregateType(), state.id(), kind.eventType(), state);
    }
}
