package org.ecoplan.catalogue.replica;

/**
 * Fired (synchronously, inside the transaction that updates the replica) after a catalogue entity was
 * stored at a newer revision or removed. A service that derives its own state from the catalogue, e.g.
 * parsed indicator targets, observes it with {@code @Observes} and writes in the same transaction, so its
 * derived state commits together with the replica change or not at all; re-read the entity through
 * {@link CatalogueReplica}. Repeated and stale events fire nothing.
 *
 * @param aggregateType a {@link org.ecoplan.catalogue.contract.CatalogueEvents#aggregateType()}, e.g. {@code measure}
 * @param removed       the entity was removed (tombstone); {@code revision} is then 0
 */
public record CatalogueEntityChanged(String aggregateType, String entityId, long revision, boolean removed) {
}
