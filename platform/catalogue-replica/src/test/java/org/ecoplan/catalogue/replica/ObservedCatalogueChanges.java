package org.ecoplan.catalogue.replica;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Records the change events the replica fires, as a service deriving state from the catalogue would see them. */
@ApplicationScoped
public class ObservedCatalogueChanges {

    private final List<CatalogueEntityChanged> changes = new CopyOnWriteArrayList<>();

    void observe(@Observes CatalogueEntityChanged change) {
        changes.add(change);
    }

    List<CatalogueEntityChanged> of(String entityId) {
        return changes.stream().filter(change -> change.entityId().equals(entityId)).toList();
    }
}
