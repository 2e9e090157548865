package org.ecoplan.plan.edition.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.contract.EditionAdopted;
import org.ecoplan.events.EventOutbox;
import org.ecoplan.events.OutgoingEvent;

/**
 * Records what an adoption changed for each department in the outbox, in the adoption's transaction: one
 * {@value EditionAdopted#TYPE} per department on the catalogue topic (replicas skip it; notification-service reads it).
 */
@ApplicationScoped
public class EditionNoticePublisher {

    private final EventOutbox outbox;

    EditionNoticePublisher(EventOutbox outbox) {
        this.outbox = outbox;
    }

    public void publish(List<EditionAdopted> notices) {
        if (!notices.isEmpty()) {
            outbox.recordAll(notices.stream().map(notice -> new OutgoingEvent(CatalogueEvents.TOPIC,
                    EditionAdopted.AGGREGATE_TYPE, notice.id(), EditionAdopted.TYPE, notice)).toList());
        }
    }
}
