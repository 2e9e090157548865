package org.ecoplan.notification.supervision;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.catalogue.replica.CatalogueEntityChanged;
import org.ecoplan.catalogue.replica.CatalogueReplica;

/**
 * The measures in memory, so that a tick evaluates all of them without a query each and walking a year
 * day by day takes seconds. Reloaded from the replica after any committed catalogue change.
 */
@ApplicationScoped
public class CatalogueSnapshot {

    private final CatalogueReplica replica;
    private final AtomicLong changes = new AtomicLong();
    private volatile Loaded loaded;

    CatalogueSnapshot(CatalogueReplica replica) {
        this.replica = replica;
    }

    // After success: a reload before the replica's commit would miss the change and keep missing it.
    void onCatalogueChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) CatalogueEntityChanged change) {
        changes.incrementAndGet();
    }

    public List<MeasureState> measures() {
        return current().measures();
    }

    public Optional<MeasureState> measure(String id) {
        return Optional.ofNullable(current().byId().get(id));
    }

    private Loaded current() {
        Loaded snapshot = loaded;
        long version = changes.get();
        if (snapshot == null || snapshot.version() != version) {
            List<MeasureState> measures = replica.all(MeasureState.class);
            snapshot = new Loaded(version, measures,
                    measures.stream().collect(Collectors.toMap(MeasureState::id, Function.identity())));
            loaded = snapshot;
        }
        return snapshot;
    }

    private record Loaded(long version, List<MeasureState> measures, Map<String, MeasureState> byId) {
    }
}
