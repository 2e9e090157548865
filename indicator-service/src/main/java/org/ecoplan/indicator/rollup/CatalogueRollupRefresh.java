package org.ecoplan.indicator.rollup;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.replica.CatalogueEntityChanged;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * A measure that arrives or changes in the catalogue counts in its plan's, task's, sections' and departments'
 * roll-ups at once, not only after its first progress event or the nightly recomputation: right after an
 * installation loads its plan, every scope has figures (all measures on track, none reported). Catalogue changes
 * come in bursts (an import is hundreds of records), so they are collected and their scopes recomputed a few
 * seconds later, each measure once.
 */
@ApplicationScoped
public class CatalogueRollupRefresh {

    private final Set<String> changedMeasures = ConcurrentHashMap.newKeySet();
    private final RollupService rollups;

    CatalogueRollupRefresh(RollupService rollups) {
        this.rollups = rollups;
    }

    // After the replica's transaction committed: the recomputation reads the measure in a transaction of its own.
    void onCatalogueChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) CatalogueEntityChanged change) {
        if (!change.removed() && CatalogueEvents.MEASURE.aggregateType().equals(change.aggregateType())) {
            changedMeasures.add(change.entityId());
        }
    }

    @Scheduled(every = "${ecoplan.indicator.rollups.catalogue-refresh-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshChangedScopes() {
        int measures = 0;
        int scopes = 0;
        for (String measureId : Set.copyOf(changedMeasures)) {
            changedMeasures.remove(measureId);
            scopes += rollups.recomputeScopesOf(measureId);
            measures++;
        }
        if (measures > 0) {
            Log.infof("Catalogue changes of %d measure(s) changed %d roll-up(s)", measures, scopes);
        }
    }
}
